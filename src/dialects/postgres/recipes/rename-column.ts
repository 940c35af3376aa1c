import { alterTable, columnDefinition, ident, qualified } from "../render.js";
import type { ChangeOf } from "../../../diff/changes.js";
import { displayName } from "../../../schema/model.js";
import { RANK } from "../../../plan/ops.js";
import type { Op, RecipeFn } from "./sql-ops.js";
import { backfillOp } from "./columns.js";
import { breaking, columnName, notNullViaCheck, restoreColumn, tableBefore } from "./shared.js";
import { syncTrigger } from "./sync-trigger.js";

/**
 * A confirmed rename, never a plain RENAME COLUMN (old code would break at once): add the new
 * column, keep both in step with a trigger, backfill, and drop the old one once code moved.
 */
export const renameColumnRecipe: RecipeFn<ChangeOf<"rename_column">> = (change, ctx) => {
  const { table, from, column: to } = change;
  const before = tableBefore(change);
  const oldName = columnName(table, from.name);
  const n = ident(to.name);
  const o = ident(from.name);
  const sync = syncTrigger(table, from.name, to.name, { twoWay: true, postgresVersion: ctx.options.postgresVersion });
  const bare = { ...to, notNull: false };
  const ops: Op[] = [
    {
      stage: "main",
      rank: RANK.addColumn,
      up: [alterTable(table, `ADD COLUMN ${columnDefinition(table, bare)}`), ...sync.create],
      down: [...sync.drop, alterTable(table, `DROP COLUMN ${n}`)],
      deploy: `Then deploy code that reads ${to.name} (falling back to ${from.name}) and writes either: the trigger keeps both in step.`,
    },
    // No UPDATE back: the trigger would copy the NULLs into the old column. The expand's down drops the new one.
    backfillOp(
      before,
      `${n} = ${o}`,
      `${n} IS DISTINCT FROM ${o}`,
      { note: `${columnName(table, to.name)} goes with the expand step's down` },
      ctx,
    ),
  ];
  if (to.notNull)
    ops.push(...notNullViaCheck(table, to.name, { add: "contract-check", validate: "contract-validate" }));
  const restore = restoreColumn(before, { ...from, notNull: false });
  ops.push({
    stage: "contract",
    rank: RANK.dropColumn,
    up: [...sync.drop, alterTable(table, `DROP COLUMN ${o}`)],
    down: [
      ...restore,
      `UPDATE ${qualified(table)} SET ${o} = ${n}`,
      ...(from.notNull ? [alterTable(table, `ALTER COLUMN ${o} SET NOT NULL`)] : []),
      ...sync.create,
    ],
    deploy: `Deploy code that uses only ${columnName(table, to.name)} before this step.`,
    needsCodeDeploy: true,
  });
  return {
    kind: "rename_column",
    table: displayName(table),
    column: from.name,
    object: to.name,
    risk: "breaking",
    reasons: [
      `code that uses ${oldName} breaks when it is renamed; planned as expand (new column kept in step by a trigger), backfill, contract`,
    ],
    findings: [
      breaking("rename-column", `renaming ${oldName} to ${to.name} breaks running code`, ctx),
      // The contract's DROP COLUMN, said as what it is: the old column's values go with it.
      breaking("drop-column", `the contract step drops ${oldName} once the code uses only ${to.name}`, ctx),
    ],
    ops,
  };
};
