/**
 * What a SQLite statement does to the tables lint knows, read from its effect (what SQLite's
 * catalog said changed when the split ran it): a table created with its columns, dropped,
 * renamed; columns added, dropped, renamed. A later file of the folder is linted against them.
 */
import type { Column, Table } from "../../schema/model.js";
import type { SqlStatement } from "../../schema/statement.js";
import type { ColumnFacts } from "./effects.js";
import { MODEL_SCHEMA } from "./introspect.js";
import type { SqliteStatementInfo } from "./statement-kind.js";

export function applyToTables(stmt: SqlStatement, tables: Map<string, Table>, key: (name: string) => string): void {
  const effect = (stmt.ast as unknown as SqliteStatementInfo).effect;
  if (!effect) return;
  const tablesDropped = effect.dropped.filter((o) => o.type === "table");
  const tablesCreated = effect.created.filter((o) => o.type === "table");
  // A rename is a table dropped and one created, with its columns as they were.
  if (stmt.kind === "AlterTableRename" && tablesDropped.length === 1 && tablesCreated.length === 1) {
    const from = tables.get(key(tablesDropped[0]!.name));
    tables.delete(key(tablesDropped[0]!.name));
    if (from) tables.set(key(tablesCreated[0]!.name), { ...from, name: tablesCreated[0]!.name });
    return;
  }
  for (const o of tablesDropped) tables.delete(key(o.name));
  for (const t of effect.createdColumns ?? []) tables.set(key(t.table), createdTable(t.table, t.columns));
  for (const o of effect.dropped) if (o.type === "index") dropIndex(tables, o.name);
  for (const a of effect.altered) {
    const table = tables.get(key(a.table));
    if (!table) continue;
    const dropped = new Set(a.dropped.map((c) => c.name));
    const renamed = new Map(a.renamed.map((r) => [r.from, r.to]));
    const columns = table.columns
      .filter((c) => !dropped.has(c.name))
      .map((c) => (renamed.has(c.name) ? { ...c, name: renamed.get(c.name)! } : c))
      .concat(a.added.map(columnOf));
    tables.set(key(a.table), { ...table, columns });
  }
}

function dropIndex(tables: Map<string, Table>, name: string): void {
  for (const [k, t] of tables) {
    if (t.indexes.some((i) => i.name === name))
      tables.set(k, { ...t, indexes: t.indexes.filter((i) => i.name !== name) });
  }
}

function createdTable(name: string, facts: readonly ColumnFacts[]): Table {
  const pk = facts.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return {
    schema: MODEL_SCHEMA,
    name,
    columns: facts.filter((c) => c.hidden !== 1).map(columnOf),
    ...(pk.length ? { primaryKey: { name: `${name}_pkey`, columns: pk.map((c) => c.name) } } : {}),
    uniques: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    indexes: [],
  };
}

function columnOf(c: ColumnFacts): Column {
  return { name: c.name, type: c.type, notNull: c.notNull, ...(c.default !== undefined ? { default: c.default } : {}) };
}
