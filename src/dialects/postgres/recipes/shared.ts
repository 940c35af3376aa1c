import { addForeignKey, alterTable, columnDefinition, createIndex, ident, literal, qualified } from "../render.js";
import type { Change, ChangeOf } from "../../../diff/changes.js";
import { indexColumns } from "../expressions.js";
import { tableKey } from "../../../diff/renames.js";
import type { Finding } from "../../../schema/finding.js";
import type { Column, Index, QName, Table } from "../../../schema/model.js";
import { displayName } from "../../../schema/model.js";
import { columnRefs } from "../expressions.js";
import { type PlanContext, RANK, type Stage } from "../../../plan/ops.js";
import type { Op } from "./sql-ops.js";

/** The plan's changes of one kind on `table` (as the desired schema names it), in plan order. */
export function changesOn<K extends Change["kind"]>(ctx: PlanContext, table: QName, kind: K): ChangeOf<K>[] {
  return ctx.changes.filter(
    (c): c is ChangeOf<K> => c.kind === kind && "table" in c && tableKey(c.table) === tableKey(table),
  );
}

/** A breaking change's finding: an error until confirmed with --allow-breaking, then a warning. */
export function breaking(rule: string, message: string, ctx: PlanContext, fix?: string): Finding {
  const confirmed = ctx.options.allowBreaking;
  return {
    rule,
    severity: confirmed ? "warning" : "error",
    message: confirmed ? `${message} (confirmed with --allow-breaking)` : `${message}; confirm with --allow-breaking`,
    ...(fix ? { fix } : {}),
  };
}

export function columnName(table: Table, column: string): string {
  return `${displayName(table)}.${column}`;
}

/** PostgreSQL truncates identifiers at 63 bytes; generated names are cut to fit. */
export function shortName(name: string): string {
  let out = name;
  while (Buffer.byteLength(out) > 63) out = out.slice(0, -1);
  return out;
}

/**
 * SET NOT NULL without a long ACCESS EXCLUSIVE scan (PostgreSQL 12+): a CHECK NOT VALID, then
 * VALIDATE (which scans under a weaker lock), then SET NOT NULL, which trusts the validated CHECK.
 * Every VALIDATE of the step runs before its first SET NOT NULL: a scan after an ACCESS EXCLUSIVE
 * statement would hold that lock throughout (validate-in-same-transaction).
 */
export function notNullViaCheck(table: Table, column: string, stages: { add: Stage; validate: Stage }): Op[] {
  const check = ident(shortName(`${table.name}_${column}_not_null`));
  const addCheck = alterTable(table, `ADD CONSTRAINT ${check} CHECK (${ident(column)} IS NOT NULL) NOT VALID`);
  return [
    {
      stage: stages.add,
      rank: RANK.addConstraint,
      up: [addCheck],
      down: [alterTable(table, `DROP CONSTRAINT ${check}`)],
    },
    // Its down is the next op's: that one puts the CHECK back NOT VALID, as it was before the step.
    { stage: stages.validate, rank: RANK.validate, up: [alterTable(table, `VALIDATE CONSTRAINT ${check}`)], down: [] },
    {
      stage: stages.validate,
      rank: RANK.afterValidate,
      up: [
        alterTable(table, `ALTER COLUMN ${ident(column)} SET NOT NULL`),
        alterTable(table, `DROP CONSTRAINT ${check}`),
      ],
      down: [addCheck, alterTable(table, `ALTER COLUMN ${ident(column)} DROP NOT NULL`)],
    },
  ];
}

/** A value of the type that any row can take, so a NOT NULL column can come back on a full table. */
export function zeroValue(type: string): string | undefined {
  if (type.endsWith("[]")) return "'{}'";
  if (/^(text|character varying|character|citext|name)\b/.test(type)) return "''";
  if (/^(smallint|integer|bigint|numeric|real|double precision|money)\b/.test(type)) return "0";
  if (type === "boolean") return "false";
  if (/^(timestamp|date)\b/.test(type)) return "'epoch'";
  if (type === "uuid") return "'00000000-0000-0000-0000-000000000000'";
  if (type === "json" || type === "jsonb") return "'{}'";
  if (type === "bytea") return "''";
  if (/^interval\b/.test(type)) return "'0'";
  return undefined;
}

/**
 * Statements that bring a dropped column back, as structure: the column (values are gone), then
 * the indexes and constraints of the table that involved it. Foreign keys and the primary key are
 * left out when told: a recipe that drops them in ops of their own adds them back there. `owns`
 * picks, among those, the ones this column brings back: an object over several dropped columns
 * comes back once, with the column whose down runs last.
 */
export function restoreColumn(
  table: Table,
  col: Column,
  options: { foreignKeys?: boolean; primaryKey?: boolean; owns?: (columns: readonly string[]) => boolean } = {},
): string[] {
  const out: string[] = [];
  const zero =
    col.notNull && col.default === undefined && !col.identity && !col.generated ? zeroValue(col.type) : undefined;
  if (zero) {
    out.push(alterTable(table, `ADD COLUMN ${columnDefinition(table, col, { withDefault: false })} DEFAULT ${zero}`));
    out.push(alterTable(table, `ALTER COLUMN ${ident(col.name)} DROP DEFAULT`));
  } else {
    out.push(alterTable(table, `ADD COLUMN ${columnDefinition(table, col)}`));
  }
  const uses = (cols: readonly string[]) => cols.includes(col.name) && (options.owns?.(cols) ?? true);
  if (table.primaryKey && options.primaryKey !== false && uses(table.primaryKey.columns))
    out.push(
      alterTable(
        table,
        `ADD CONSTRAINT ${ident(table.primaryKey.name)} PRIMARY KEY (${table.primaryKey.columns.map(ident).join(", ")})`,
      ),
    );
  for (const u of table.uniques)
    if (uses(u.columns)) out.push(alterTable(table, `ADD CONSTRAINT ${ident(u.name)} ${u.definition}`));
  for (const c of table.checks)
    if (uses(columnRefs(c.definition.replace(/^CHECK /, ""))))
      out.push(alterTable(table, `ADD CONSTRAINT ${ident(c.name)} ${c.definition}${c.validated ? "" : " NOT VALID"}`));
  for (const i of table.indexes) if (uses(indexColumns(i))) out.push(createIndex(i));
  if (options.foreignKeys !== false)
    for (const f of table.foreignKeys) if (uses(f.columns)) out.push(addForeignKey(table, f));
  return out;
}

/**
 * The table as it stood before the change set, under the name it has when the change's ops run:
 * a renamed table is renamed first, so backfills and restored columns must use its new name (its
 * old name is then a view).
 */
export function tableBefore(change: { readonly table: Table; readonly before?: Table }): Table {
  const { table, before } = change;
  if (!before) return table;
  if (before.schema === table.schema && before.name === table.name) return before;
  return {
    ...before,
    schema: table.schema,
    name: table.name,
    indexes: before.indexes.map((i) => indexOn(i, before, table)),
  };
}

/** The index's definition on table `to` instead of `from` (a renamed table). */
export function indexOn(index: Index, from: QName, to: QName): Index {
  const oldName = `${ident(from.schema)}.${ident(from.name)} `;
  const newName = `${ident(to.schema)}.${ident(to.name)} `;
  if (oldName === newName) return index;
  const definition = index.definition.replace(/ ON (ONLY )?(\S+\.\S+ )/, (m, only: string | undefined, on: string) =>
    on === oldName ? ` ON ${only ?? ""}${newName}` : m,
  );
  return { ...index, definition };
}

export { literal, qualified };
