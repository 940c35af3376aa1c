import { alterTable, columnDefinition, ident, qualified } from "../render.js";
import { classifyTypeChange } from "../types.js";
import { indexColumns } from "../expressions.js";
import type { ChangeOf } from "../../../diff/changes.js";
import type { Finding } from "../../../schema/finding.js";
import { type Column, displayName, type Schema, type Table } from "../../../schema/model.js";
import { type PlanContext, RANK } from "../../../plan/ops.js";
import type { Op, Recipe, RecipeFn } from "./sql-ops.js";
import { backfillOp } from "./columns.js";
import { breaking, columnName, notNullViaCheck, shortName, tableBefore } from "./shared.js";
import { convert } from "./convert.js";
import { syncTrigger } from "./sync-trigger.js";

type AlterType = ChangeOf<"alter_column_type">;

export const alterColumnTypeRecipe: RecipeFn<AlterType> = (change, ctx) => {
  const { table, from, column: to } = change;
  const name = columnName(table, to.name);
  const nature =
    from.collation !== to.collation && from.type === to.type ? "rewrite" : classifyTypeChange(from.type, to.type);
  const base = { kind: "alter_column_type" as const, table: displayName(table), column: to.name };
  // The default is set here (set_default plans nothing beside a type change): an old default
  // may not cast to the new type, so it is dropped first and the new one set after.
  const c = ident(to.name);
  const withDefaults = (statement: string, old: Column, next: Column) =>
    nature === "coercible" && old.default === next.default
      ? [statement]
      : [
          ...(old.default === undefined ? [] : [alterTable(table, `ALTER COLUMN ${c} DROP DEFAULT`)]),
          statement,
          ...(next.default === undefined ? [] : [alterTable(table, `ALTER COLUMN ${c} SET DEFAULT ${next.default}`)]),
        ];
  const inPlace = (): Op => ({
    stage: "main",
    rank: RANK.alterColumn,
    up: withDefaults(alterType(table, to, from, ctx), from, to),
    down: withDefaults(alterType(table, from, to, ctx), to, from),
  });
  if (nature === "coercible")
    return {
      ...base,
      risk: "safe",
      reasons: [`${from.type} → ${to.type} is binary-coercible: no rewrite, no value can fail`],
      ops: [inPlace()],
    };

  const reasons =
    nature === "rewrite"
      ? [`${from.type} → ${to.type} rewrites ${displayName(table)} under ACCESS EXCLUSIVE (every value fits)`]
      : [`${from.type} → ${to.type} can reject or truncate values of ${name}`];
  const rule = nature === "rewrite" ? "type-change-rewrite" : "narrowing-type-change";
  const findings: Finding[] = [
    nature === "rewrite"
      ? breaking(rule, `${name}: ${from.type} → ${to.type} rewrites the table`, ctx)
      : breaking(rule, `${name}: ${from.type} → ${to.type} can reject or lose values`, ctx),
  ];
  const blocker = swapBlocker(change.before ?? table, from, ctx.from);
  if (blocker)
    return {
      ...base,
      risk: "breaking",
      reasons: [...reasons, `changed in place (${blocker}): plan a maintenance window`],
      findings,
      ops: [inPlace()],
    };
  return {
    ...base,
    risk: "breaking",
    reasons: [
      ...reasons,
      "planned as: new column kept in step by a trigger, batched backfill with an explicit cast, swap",
    ],
    findings,
    ops: swapOps(change, ctx),
  };
};

function alterType(table: Table, to: Column, from: Column, ctx: PlanContext): string {
  const using =
    classifyTypeChange(from.type, to.type) === "coercible" ? "" : ` USING ${convert(ident(to.name), from, to, ctx)}`;
  const collate = to.collation ? ` COLLATE ${ident(to.collation)}` : "";
  return alterTable(table, `ALTER COLUMN ${ident(to.name)} TYPE ${to.type}${collate}${using}`);
}

/** Why the column cannot be swapped online: keys, indexes and generated values depend on its identity. */
function swapBlocker(table: Table, col: Column, schema: Schema): string | undefined {
  if (col.identity || col.generated || col.ownedSequence) return "an identity, serial or generated column";
  if (table.primaryKey?.columns.includes(col.name)) return "part of the primary key";
  if (table.uniques.some((u) => u.columns.includes(col.name))) return "part of a unique constraint";
  if (table.foreignKeys.some((f) => f.columns.includes(col.name))) return "part of a foreign key";
  if (table.indexes.some((i) => indexColumns(i).includes(col.name))) return "indexed";
  if (table.checks.length > 0 && table.checks.some((c) => c.definition.includes(col.name))) return "used by a CHECK";
  const referenced = schema.tables.some((t) =>
    t.foreignKeys.some(
      (f) =>
        f.references.name === table.name &&
        f.references.schema === table.schema &&
        f.referencedColumns.includes(col.name),
    ),
  );
  if (referenced) return "referenced by a foreign key";
  if (!table.primaryKey) return "no primary key to batch the backfill by";
  return undefined;
}

/** New column + trigger (expand), batched cast (backfill), NOT NULL and swap (contract). */
function swapOps(change: AlterType, ctx: PlanContext): Op[] {
  const { table, from, column: to } = change;
  const before = tableBefore(change);
  const tmpName = shortName(`${to.name}_lockstep_new`);
  const oldName = shortName(`${to.name}_lockstep_old`);
  const c = ident(to.name);
  const tmp = ident(tmpName);
  const sync = syncTrigger(table, to.name, tmpName, {
    twoWay: false,
    convert: (expr) => convert(expr, from, to, ctx),
    postgresVersion: ctx.options.postgresVersion,
  });
  const tmpCol: Column = { ...to, name: tmpName, notNull: false, default: undefined };
  const ops: Op[] = [
    {
      stage: "main",
      rank: RANK.addColumn,
      up: [alterTable(table, `ADD COLUMN ${columnDefinition(table, tmpCol)}`), ...sync.create],
      down: [...sync.drop, alterTable(table, `DROP COLUMN ${tmp}`)],
      deploy: "No code change: the column keeps its name; a trigger fills the new one meanwhile.",
    },
    backfillOp(
      before,
      `${tmp} = ${convert(c, from, to, ctx)}`,
      `${tmp} IS DISTINCT FROM ${convert(c, from, to, ctx)}`,
      { set: `${tmp} = NULL` },
      ctx,
    ),
  ];
  if (to.notNull)
    ops.push(...notNullViaCheck(table, tmpName, { add: "contract-check", validate: "contract-validate" }));
  const setDefault = (col: string, d: string | undefined) =>
    d === undefined ? [] : [alterTable(table, `ALTER COLUMN ${ident(col)} SET DEFAULT ${d}`)];
  ops.push({
    stage: "contract",
    rank: RANK.alterColumn,
    up: [
      ...sync.drop,
      alterTable(table, `RENAME COLUMN ${c} TO ${ident(oldName)}`),
      alterTable(table, `RENAME COLUMN ${tmp} TO ${c}`),
      alterTable(table, `DROP COLUMN ${ident(oldName)}`),
      ...setDefault(to.name, to.default),
    ],
    down: [
      ...(to.default === undefined ? [] : [alterTable(table, `ALTER COLUMN ${c} DROP DEFAULT`)]),
      alterTable(table, `RENAME COLUMN ${c} TO ${tmp}`),
      alterTable(table, `ADD COLUMN ${columnDefinition(table, { ...from, notNull: false })}`),
      `UPDATE ${qualified(table)} SET ${c} = ${convert(tmp, to, from, ctx)}`,
      ...(from.notNull ? [alterTable(table, `ALTER COLUMN ${c} SET NOT NULL`)] : []),
      ...sync.create,
    ],
    deploy: "Swaps the columns in one short transaction; no code change (the name stays).",
  });
  return ops;
}

export type { Recipe };
