import {
  addedColumn,
  addedConstraint,
  alterTable,
  columnConstraints,
  nodeOf,
  rangeVarName,
  stringList,
  type Node,
  withoutPublic,
} from "../dialects/postgres/statements.js";
import type { LintContext, LintStatement, Rule } from "../lint/rule.js";
import { columnList, ident, qualified } from "../dialects/postgres/render.js";
import { indexColumns } from "../dialects/postgres/expressions.js";
import type { Finding } from "../schema/finding.js";
import { displayName, type ForeignKey, type Index, type Table } from "../schema/model.js";

/** `missing-foreign-key-index`: no index, primary key or unique constraint leads with the key's columns. */
export function missingFkIndex(table: Table, fk: ForeignKey): Finding | undefined {
  const leads = (cols: readonly string[]) => fk.columns.every((c, i) => cols[i] === c);
  const covered =
    (table.primaryKey && leads(table.primaryKey.columns)) ||
    table.uniques.some((u) => leads(u.columns)) ||
    table.indexes.some((i) => !i.predicate && leads(indexColumns(i)));
  if (covered) return undefined;
  const name = `${displayName(table)}(${fk.columns.join(", ")})`;
  return {
    rule: "missing-foreign-key-index",
    severity: "info",
    message: `no index leads with ${name}: joins and deletes on ${displayName(fk.references)} scan ${displayName(table)}`,
    fix: `CREATE INDEX CONCURRENTLY ${ident(`${table.name}_${fk.columns.join("_")}_idx`)} ON ${qualified(table)} (${columnList(fk.columns)});`,
    table: displayName(table),
  };
}

interface Fk {
  table: string;
  columns: string[];
  references: string;
}

/** Foreign keys a statement adds: ALTER TABLE … ADD FOREIGN KEY, or in a CREATE TABLE. */
function foreignKeys(stmt: LintStatement): Fk[] {
  const alter = alterTable(stmt);
  const out: Fk[] = [];
  const add = (table: string, con: Node, column?: string) => {
    if (con.contype !== "CONSTR_FOREIGN") return;
    const columns = column ? [column] : stringList(con.fk_attrs);
    out.push({ table, columns, references: rangeVarName(con.pktable) ?? "?" });
  };
  if (alter) {
    for (const cmd of alter.cmds) {
      const con = addedConstraint(cmd);
      if (con) add(alter.table, con);
      const col = addedColumn(cmd);
      if (col) for (const c of columnConstraints(col)) add(alter.table, c, String(col.colname));
    }
  }
  if (stmt.kind === "CreateStmt") {
    const node = nodeOf(stmt);
    const table = rangeVarName(node.relation) ?? "";
    for (const el of (node.tableElts ?? []) as Node[]) {
      if (el.Constraint) add(table, el.Constraint as Node);
      const col = el.ColumnDef as Node | undefined;
      if (col) for (const c of columnConstraints(col)) add(table, c, String(col.colname));
    }
  }
  return out;
}

/** Leading column lists of the keys a statement gives `table` (indexes, PRIMARY KEY, UNIQUE). */
function keysGiven(stmt: LintStatement, table: string): string[][] {
  const key = withoutPublic;
  const node = nodeOf(stmt);
  if (stmt.kind === "IndexStmt" && key(rangeVarName(node.relation) ?? "") === key(table) && !node.whereClause)
    return [((node.indexParams ?? []) as Node[]).map((p) => String((p.IndexElem as Node | undefined)?.name ?? ""))];
  const keysOf = (con: Node) =>
    con.contype === "CONSTR_PRIMARY" || con.contype === "CONSTR_UNIQUE" ? [stringList(con.keys)] : [];
  const alter = alterTable(stmt);
  if (alter && key(alter.table) === key(table))
    return alter.cmds.flatMap((c) => {
      const con = addedConstraint(c);
      return con ? keysOf(con) : [];
    });
  if (stmt.kind === "CreateStmt" && key(rangeVarName(node.relation) ?? "") === key(table))
    return ((node.tableElts ?? []) as Node[]).flatMap((el) => {
      if (el.Constraint) return keysOf(el.Constraint as Node);
      const col = el.ColumnDef as Node | undefined;
      return col
        ? columnConstraints(col).flatMap((c) =>
            c.contype === "CONSTR_PRIMARY" || c.contype === "CONSTR_UNIQUE" ? [[String(col.colname)]] : [],
          )
        : [];
    });
  return [];
}

const indexed = new WeakMap<readonly LintStatement[], Map<string, string[][]>>();
const tableKey = withoutPublic;

/** Table → the leading column lists of the keys the migration gives it, built once per run. */
function keysByTable(all: readonly LintStatement[]): Map<string, string[][]> {
  let map = indexed.get(all);
  if (map) return map;
  map = new Map();
  for (const s of all) {
    for (const table of keyTargets(s)) {
      const list = map.get(tableKey(table)) ?? [];
      list.push(...keysGiven(s, table));
      map.set(tableKey(table), list);
    }
  }
  indexed.set(all, map);
  return map;
}

/** The table a statement can give keys to (an index's, an ALTER TABLE's, a CREATE TABLE's). */
function keyTargets(stmt: LintStatement): string[] {
  const node = nodeOf(stmt);
  if (stmt.kind === "IndexStmt" || stmt.kind === "CreateStmt")
    return [rangeVarName(node.relation) ?? ""].filter(Boolean);
  const alter = alterTable(stmt);
  return alter ? [alter.table] : [];
}

/** The table as --schema knows it, plus the keys the whole migration gives it (before or after). */
function tableWithMigrationKeys(fk: Fk, stmt: LintStatement, ctx: LintContext): Table {
  const known = ctx.table(fk.table);
  const [schema, name] = fk.table.includes(".") ? fk.table.split(".", 2) : ["public", fk.table];
  const given = keysByTable(ctx.all).get(tableKey(fk.table)) ?? [];
  const indexes: Index[] = given.map((cols, i) => ({
    name: `migration_key_${i}`,
    unique: false,
    method: "btree",
    keys: cols,
    definition: "",
  }));
  return {
    schema: known?.schema ?? schema!,
    name: known?.name ?? name!,
    columns: known?.columns ?? [],
    primaryKey: known?.primaryKey,
    uniques: known?.uniques ?? [],
    foreignKeys: known?.foreignKeys ?? [],
    checks: known?.checks ?? [],
    exclusions: known?.exclusions ?? [],
    indexes: [...(known?.indexes ?? []), ...indexes],
  };
}

export const missingForeignKeyIndex: Rule = {
  meta: {
    name: "missing-foreign-key-index",
    severity: "info",
    description: "a foreign key whose columns no index leads with",
    docs: "PostgreSQL does not index the referencing side of a foreign key. Without an index that leads with those columns, joins are slow and every DELETE or key UPDATE on the referenced table scans the referencing one (under lock, for cascades). Create the index concurrently; indexes created anywhere in the same migration count.",
  },
  kinds: ["AlterTableStmt", "CreateStmt"],
  check(stmt, ctx) {
    for (const fk of foreignKeys(stmt)) {
      const table = tableWithMigrationKeys(fk, stmt, ctx);
      const [refSchema, refName] = fk.references.includes(".")
        ? fk.references.split(".", 2)
        : ["public", fk.references];
      const finding = missingFkIndex(table, {
        name: "",
        columns: fk.columns,
        references: { schema: refSchema!, name: refName! },
        referencedColumns: [],
        onDelete: "NO ACTION",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
        validated: true,
        definition: "",
      });
      if (finding) ctx.report({ message: finding.message, fix: finding.fix });
    }
  },
};
