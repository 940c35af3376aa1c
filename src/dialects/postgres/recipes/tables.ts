import { addForeignKey, createIndex, createTable, dropConstraint, ident, qualified } from "../render.js";
import type { ChangeOf } from "../../../diff/changes.js";
import type { Finding } from "../../../schema/finding.js";
import { displayName, type Table } from "../../../schema/model.js";
import { type PlanContext, RANK } from "../../../plan/ops.js";
import type { Op, Recipe, RecipeFn } from "./sql-ops.js";
import { breaking } from "./shared.js";
import { missingFkIndex } from "../rules/missing-foreign-key-index.js";
import { addThenValidate } from "./constraints.js";
import { AFTER_KEYS, foreignKeyDrop, waitsForKey } from "./referenced-keys.js";

/** CREATE TABLE and its indexes; foreign keys after every table exists. */
function createOps(table: Table, stage: Op["stage"], rank: number): Op[] {
  return [
    {
      stage,
      rank,
      up: [createTable(table), ...table.indexes.map((i) => createIndex(i))],
      down: [`DROP TABLE ${qualified(table)}`],
    },
  ];
}

/**
 * A key onto a unique key the plan builds on an existing table waits for it (after the attach
 * step). By then the new table is a deployed table that may hold rows: the key is added NOT VALID
 * and validated in a transaction of its own, as on any existing table.
 */
function fkOps(table: Table, ctx: PlanContext): Op[] {
  return table.foreignKeys.flatMap((fk) =>
    waitsForKey(fk, ctx)
      ? addThenValidate(table, fk, RANK.addForeignKey, AFTER_KEYS)
      : [
          {
            stage: "main" as const,
            rank: RANK.addForeignKey,
            up: [addForeignKey(table, fk)],
            down: [dropConstraint(table, fk.name)],
          },
        ],
  );
}

export const createTableRecipe: RecipeFn<ChangeOf<"create_table">> = (change, ctx) => {
  const t = change.table;
  const findings: Finding[] = t.foreignKeys.flatMap((fk) => missingFkIndex(t, fk) ?? []);
  return {
    kind: "create_table",
    table: displayName(t),
    risk: "safe",
    reasons: ["a new table: nothing reads it yet, its indexes need no CONCURRENTLY"],
    ops: [...createOps(t, "main", RANK.createTable), ...fkOps(t, ctx)],
    findings,
  };
};

export const dropTableRecipe: RecipeFn<ChangeOf<"drop_table">> = (change, ctx): Recipe => {
  const t = change.table;
  const name = displayName(t);
  const findings: Finding[] = [breaking("drop-table", `dropping table ${name} deletes its rows`, ctx)];
  if (change.renameCandidates?.length) findings.push(possibleTableRename(name, change.renameCandidates));
  const deploy = `Deploy code that no longer reads or writes ${name} before this step.`;
  const dataLoss = `the rows of ${name} are not restored by the down (it recreates the structure only)`;
  return {
    kind: "drop_table",
    table: name,
    risk: "breaking",
    reasons: [
      `drops ${name} and all its rows; running code that still uses it fails`,
      ...(change.renameCandidates?.length ? [`possible rename to ${change.renameCandidates.join(" or ")}`] : []),
    ],
    findings,
    ops: [
      ...t.foreignKeys.map((fk) => foreignKeyDrop(t, fk, ctx)),
      {
        stage: "contract",
        rank: RANK.dropTable,
        up: [`DROP TABLE ${qualified(t)}`],
        down: [createTable(t), ...t.indexes.map((i) => createIndex(i))],
        deploy,
        needsCodeDeploy: true,
        dataLoss,
      },
    ],
  };
};

function possibleTableRename(name: string, candidates: readonly string[]): Finding {
  const to = candidates[0]!;
  return {
    rule: "possible-rename",
    severity: "error",
    message: `${name} is dropped and ${candidates.join(", ")} created with the same columns: a rename is never guessed`,
    fix: `--rename ${name}=${to} if it is a rename, or --not-renamed ${name}=${to} if it is not`,
  };
}

/**
 * A rename keeps running code working through a view under the old name (simple views are
 * updatable); the view goes once the code uses the new name.
 *
 * The rename runs first in its step, so every other op on the table (which names it as it will
 * be) finds it; the view is created last and dropped first, so no column change in the plan runs
 * into a view that depends on the column.
 */
const RENAME_FIRST = RANK.dropForeignKey - 1;
const VIEW_LAST = RANK.dropNamespace + 1;

export const renameTableRecipe: RecipeFn<ChangeOf<"rename_table">> = (change, ctx) => {
  const from = change.from;
  const to = change.table;
  const oldName = qualified(from);
  const newName = qualified(to);
  const view = `CREATE VIEW ${oldName} AS SELECT * FROM ${newName}`;
  // Serial sequences named after the table (users_id_seq → accounts_id_seq) are renamed with it;
  // the columns' defaults follow them by themselves.
  const sequences = to.columns.flatMap((c) => {
    const old = from.columns.find((f) => f.name === c.name)?.ownedSequence;
    const seq = c.ownedSequence;
    if (!old || !seq || old.schema !== seq.schema || old.name === seq.name) return [];
    return [
      {
        up: `ALTER SEQUENCE ${qualified(old)} RENAME TO ${ident(seq.name)}`,
        down: `ALTER SEQUENCE ${qualified(seq)} RENAME TO ${ident(old.name)}`,
      },
    ];
  });
  return {
    kind: "rename_table",
    table: displayName(from),
    object: displayName(to),
    risk: "breaking",
    reasons: [
      `code that uses ${displayName(from)} breaks once it is renamed; a view keeps the old name working meanwhile`,
    ],
    findings: [
      breaking("rename-table", `renaming ${displayName(from)} to ${displayName(to)} breaks running code`, ctx),
    ],
    ops: [
      {
        stage: "main",
        rank: RENAME_FIRST,
        up: [`ALTER TABLE ${oldName} RENAME TO ${ident(to.name)}`, ...sequences.map((s) => s.up)],
        down: [...sequences.map((s) => s.down), `ALTER TABLE ${newName} RENAME TO ${ident(from.name)}`],
      },
      { stage: "main", rank: VIEW_LAST, up: [view], down: [`DROP VIEW ${oldName}`] },
      {
        stage: "contract",
        rank: RENAME_FIRST,
        up: [`DROP VIEW ${oldName}`],
        down: [view],
        deploy: `Deploy code that uses ${displayName(to)} instead of ${displayName(from)} before this step.`,
        needsCodeDeploy: true,
      },
    ],
  };
};
