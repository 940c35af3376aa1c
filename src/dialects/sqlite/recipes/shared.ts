import type { Change } from "../../../diff/changes.js";
import { tableKey } from "../../../diff/renames.js";
import type { Op as PlannedOp, PlanContext, Recipe as PlannedRecipe } from "../../../plan/ops.js";
import { RANK } from "../../../plan/ops.js";
import type { Finding } from "../../../schema/finding.js";
import type { Column, Table } from "../../../schema/model.js";
import { displayName } from "../../../schema/model.js";
import { plannedStatement } from "../planned.js";
import { rebuildTable } from "../rebuild.js";
import { columnDefinition, ident } from "../render.js";
import { DEFAULT_SQLITE_VERSION, supports, type Feature } from "../versions.js";

/** Recipes write SQL text; `recipeFor` (index.ts) makes each statement a record once. */
export type Op = PlannedOp<string>;
export type Recipe = PlannedRecipe<string>;
export type RecipeFn<C extends Change = Change> = (change: C, ctx: PlanContext) => Recipe;

/** The oldest SQLite the migration must run on has `feature`. */
export function has(ctx: PlanContext, feature: Feature): boolean {
  return supports(feature, ctx.options.sqliteVersion ?? DEFAULT_SQLITE_VERSION);
}

/** A breaking change's finding: an error until confirmed with --allow-breaking, then a warning. */
export function breaking(rule: string, message: string, ctx: PlanContext): Finding {
  const confirmed = ctx.options.allowBreaking;
  return {
    rule,
    severity: confirmed ? "warning" : "error",
    message: confirmed ? `${message} (confirmed with --allow-breaking)` : `${message}; confirm with --allow-breaking`,
  };
}

export function columnName(table: Table, column: string): string {
  return `${displayName(table)}.${column}`;
}

/** The table as it was before the plan. */
export function tableBefore(change: { readonly table: Table; readonly before?: Table }, ctx: PlanContext): Table {
  return change.before ?? ctx.from.tables.find((t) => tableKey(t) === tableKey(change.table)) ?? change.table;
}

/** A foreign key written on its one column: `REFERENCES parent (id)`, as ADD COLUMN takes it. */
export function columnReferences(table: Table, column: string): string {
  const fk = table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === column);
  if (!fk) return "";
  let sql = ` REFERENCES ${ident(fk.references.name)} (${fk.referencedColumns.map(ident).join(", ")})`;
  if (fk.onDelete !== "NO ACTION") sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== "NO ACTION") sql += ` ON UPDATE ${fk.onUpdate}`;
  return sql;
}

/**
 * ALTER TABLE ADD COLUMN's limits (https://www.sqlite.org/lang_altertable.html): no PRIMARY KEY or
 * UNIQUE, no non-constant default, NOT NULL only with a default, REFERENCES only with a NULL
 * default, no STORED generated column. Each holds on a table with rows, where it matters.
 */
export function canAddInPlace(table: Table, col: Column): boolean {
  if (col.generated !== undefined) return !/\bSTORED\b/i.test(col.generated);
  if (col.volatileDefault) return false;
  if (col.notNull && col.default === undefined) return false;
  if (table.primaryKey?.columns.includes(col.name)) return false;
  if (table.uniques.some((u) => u.columns.includes(col.name))) return false;
  const fks = table.foreignKeys.filter((f) => f.columns.includes(col.name));
  if (fks.length > 1 || fks.some((f) => f.columns.length > 1)) return false;
  if (fks.length && col.default !== undefined && col.default.toUpperCase() !== "NULL") return false;
  return true;
}

/** ADD COLUMN with its REFERENCES on the column. */
export function addColumnSql(table: Table, col: Column): string {
  return `ALTER TABLE ${ident(table.name)} ADD COLUMN ${columnDefinition(col)}${columnReferences(table, col.name)}`;
}

/**
 * DROP COLUMN's limits (3.35+): not a key, not UNIQUE, not in a foreign key, not named by a CHECK,
 * a generated column or a partial index's WHERE. Indexes over it are dropped first by the plan.
 */
export function canDropInPlace(table: Table, column: string, ctx: PlanContext): boolean {
  if (!has(ctx, "dropColumn")) return false;
  if (table.primaryKey?.columns.includes(column)) return false;
  if (table.uniques.some((u) => u.columns.includes(column))) return false;
  if (table.foreignKeys.some((f) => f.columns.includes(column) && f.columns.length > 1)) return false;
  if (
    table.checks.some((c) =>
      ctx.options.dialect.columnRefs(c.definition.replace(/^.*?\bCHECK\b/is, "")).includes(column),
    )
  )
    return false;
  if (table.columns.some((c) => c.generated !== undefined && c.name !== column)) return false;
  // Another table's foreign key onto it.
  const referenced = [...ctx.from.tables, ...ctx.to.tables].some((t) =>
    t.foreignKeys.some((f) => f.references.name === table.name && f.referencedColumns.includes(column)),
  );
  return !referenced;
}

/** The kinds SQLite's ALTER TABLE does in place (or that a rebuild of their table does not cover). */
const IN_PLACE: ReadonlySet<Change["kind"]> = new Set([
  "create_table",
  "drop_table",
  "rename_table",
  "add_index",
  "drop_index",
  "rename_column",
]);

/** Whether a change needs its table rebuilt on the target SQLite. */
export function needsRebuild(change: Change, ctx: PlanContext): boolean {
  if (IN_PLACE.has(change.kind) || !("table" in change)) return false;
  switch (change.kind) {
    case "add_column":
      return !canAddInPlace(change.table, change.column);
    case "drop_column":
      return !canDropInPlace(tableBefore(change, ctx), change.column.name, ctx);
    case "add_foreign_key":
      // Written on the column ADD COLUMN adds in place.
      return !ctx.changes.some(
        (c) =>
          c.kind === "add_column" &&
          tableKey(c.table) === tableKey(change.table) &&
          change.fk.columns.length === 1 &&
          c.column.name === change.fk.columns[0] &&
          !needsRebuild(c, ctx),
      );
    case "drop_foreign_key":
      // Goes with the column DROP COLUMN drops in place.
      return !ctx.changes.some(
        (c) =>
          c.kind === "drop_column" &&
          tableKey(c.table) === tableKey(change.table) &&
          change.fk.columns.length === 1 &&
          c.column.name === change.fk.columns[0] &&
          !needsRebuild(c, ctx),
      );
    default:
      return true;
  }
}

/** The changes on the table a change is on, whose rebuild covers them all. */
export function changesOnTable(ctx: PlanContext, table: Table): Change[] {
  return ctx.changes.filter(
    (c) => "table" in c && !IN_PLACE.has(c.kind) && tableKey(c.table as Table) === tableKey(table),
  );
}

/** True when some change on the table needs a rebuild: every change on it is part of that rebuild. */
export function tableRebuilt(ctx: PlanContext, table: Table): boolean {
  return ctx.changes.some(
    (c) => "table" in c && tableKey(c.table as Table) === tableKey(table) && needsRebuild(c, ctx),
  );
}

/** The first change on the table that needs the rebuild: its recipe carries the rebuild's ops. */
export function rebuildOwner(ctx: PlanContext, table: Table): Change | undefined {
  return ctx.changes.find(
    (c) => "table" in c && tableKey(c.table as Table) === tableKey(table) && needsRebuild(c, ctx),
  );
}

/** Foreign keys off just before the step, on just after it, outside its transaction (Op.around). */
export function foreignKeysAround(): NonNullable<Op["around"]> {
  return {
    before: plannedStatement("PRAGMA foreign_keys=OFF"),
    after: plannedStatement("PRAGMA foreign_keys=ON"),
    label: "foreign_keys",
  };
}

/**
 * The 12-step rebuild of `to`'s table from `from` (rebuild.ts) as one op: the transaction's body
 * (the step is the transaction), with `PRAGMA foreign_keys` off before the step and on after it,
 * outside (`around`). Its down is the reverse rebuild. `copy` maps a new column to its old value.
 */
export function rebuildOp(
  from: Table,
  to: Table,
  ctx: PlanContext,
  options: { stage?: "main" | "contract"; copy?: Record<string, string>; dataLoss?: string; deploy?: string } = {},
): Op {
  const copy = { ...(options.copy ?? {}) };
  for (const c of to.columns) {
    const key = `${to.schema}.${to.name}.${c.name}`;
    const value = ctx.options.backfills.get(key);
    if (value !== undefined && !from.columns.some((o) => o.name === c.name)) copy[c.name] = value;
  }
  const reverse: Record<string, string> = {};
  for (const [to_, from_] of Object.entries(options.copy ?? {})) {
    if (from.columns.some((c) => ident(c.name) === from_)) reverse[from_.replace(/^"|"$/g, "")] = ident(to_);
  }
  const up = body(rebuildTable(from, to, { copy }).transaction);
  const down = body(rebuildTable(to, from, { copy: reverse }).transaction);
  const lost = from.columns.filter((c) => !to.columns.some((n) => n.name === c.name) && !(c.name in reverse));
  const dataLoss = [
    options.dataLoss,
    lost.length
      ? `the values of ${lost.map((c) => columnName(from, c.name)).join(", ")} are not restored by the down (its rebuild brings the columns back empty)`
      : undefined,
  ]
    .filter(Boolean)
    .join("; ");
  return {
    stage: options.stage ?? "main",
    rank: RANK.alterColumn,
    up,
    down,
    around: foreignKeysAround(),
    ...(options.deploy ? { deploy: options.deploy, needsCodeDeploy: options.stage === "contract" } : {}),
    ...(dataLoss ? { dataLoss } : {}),
    findings: [
      {
        rule: "sqlite-table-rebuild",
        severity: "warning",
        message: `${displayName(to)} is rebuilt (new table, copy, drop, rename, indexes again): ALTER TABLE cannot make this change; the copy holds the database's write lock for as long as it runs; triggers on the table and views over it are not planned yet (DROP TABLE drops the triggers, and a view over it stops the rename)`,
      },
    ],
  };
}

/** The rebuild's transaction without its BEGIN and COMMIT: the step is the transaction. */
function body(statements: readonly string[]): string[] {
  return statements.filter((s) => s !== "BEGIN" && s !== "COMMIT");
}
