import { alterTable, columnDefinition, ident, literal } from "../render.js";
import type { ChangeOf } from "../../../diff/changes.js";
import type { Finding } from "../../../schema/finding.js";
import { displayName } from "../../../schema/model.js";
import { batchedUpdate, plainUpdate } from "./backfill.js";
import { backfillKey, type PlanContext, RANK } from "../../../plan/ops.js";
import type { Op, Recipe, RecipeFn } from "./sql-ops.js";
import { foreignKeyDrop } from "./referenced-keys.js";
import { breaking, changesOn, columnName, notNullViaCheck, restoreColumn, tableBefore } from "./shared.js";

type AddColumn = ChangeOf<"add_column">;

export const addColumnRecipe: RecipeFn<AddColumn> = (change, ctx) => {
  const { table, column: col } = change;
  const name = columnName(table, col.name);
  const base = { kind: "add_column" as const, table: displayName(table), column: col.name };
  const add = alterTable(table, `ADD COLUMN ${columnDefinition(table, col)}`);
  const drop = alterTable(table, `DROP COLUMN ${ident(col.name)}`);
  const inPlace = (rank = RANK.addColumn): Op => ({ stage: "main", rank, up: [add], down: [drop] });
  const pg = ctx.options.postgresVersion;

  if (col.generated)
    return {
      ...base,
      risk: "risky",
      reasons: [
        `a stored generated column is computed for every row: ${displayName(table)} is rewritten under ACCESS EXCLUSIVE`,
      ],
      ops: [inPlace()],
      findings: [warning("add-stored-generated-column", `adding ${name} rewrites ${displayName(table)}`)],
    };
  if (col.identity || col.ownedSequence)
    return {
      ...base,
      risk: "risky",
      reasons: [
        `an identity or serial column fills every existing row: ${displayName(table)} is rewritten under ACCESS EXCLUSIVE`,
      ],
      ops: [inPlace()],
      findings: [warning("add-serial-column", `adding ${name} rewrites ${displayName(table)}`)],
    };

  const rewritesForDefault = col.default !== undefined && (col.volatileDefault || pg < 11);
  if (col.notNull && col.default === undefined) return requiredColumn(change, ctx);
  if (!rewritesForDefault)
    return {
      ...base,
      risk: "safe",
      reasons: [
        col.default === undefined
          ? "a nullable column without a default: a catalog change only"
          : "a constant default is stored in the catalog (PostgreSQL 11+): no rewrite",
      ],
      ops: [inPlace()],
    };

  // A volatile default (or any default before PostgreSQL 11) would rewrite the table: add the
  // column bare, give new rows the default, and fill the old rows in batches.
  return {
    ...base,
    risk: "risky",
    reasons: [
      col.volatileDefault
        ? `the default ${col.default} is volatile: adding it with the column rewrites ${displayName(table)} under ACCESS EXCLUSIVE`
        : `before PostgreSQL 11 any default rewrites ${displayName(table)}`,
      "planned as: add the column without default, set the default for new rows, backfill old rows in batches",
    ],
    findings: [
      {
        rule: "volatile-default-rewrite",
        severity: "info",
        message: `${name}: the default is applied in batches instead of by a table rewrite`,
      },
    ],
    ops: expandBackfillContract(change, ctx, col.default!, false),
  };
};

/** ADD COLUMN … NOT NULL without a default: needs a value for the existing rows. */
function requiredColumn(change: AddColumn, ctx: PlanContext): Recipe {
  const { table, column: col } = change;
  const name = columnName(table, col.name);
  const value = ctx.options.backfills.get(backfillKey(table, col.name));
  const base = { kind: "add_column" as const, table: displayName(table), column: col.name, risk: "breaking" as const };
  const reasons = [
    `existing rows of ${displayName(table)} have no value for ${col.name}: ADD COLUMN … NOT NULL fails on a table with rows`,
  ];
  if (value === undefined)
    return {
      ...base,
      reasons: [...reasons, `needs a value for the existing rows: --backfill ${name}=<SQL expression>`],
      ops: [],
      missingBackfill: { column: name, type: col.type },
      findings: [
        {
          rule: "add-required-column",
          severity: "error",
          message: `${name} is NOT NULL without a default: the plan needs a value for existing rows`,
          fix: `--backfill ${name}=<SQL expression> (for example --backfill ${name}="'member'")`,
        },
      ],
    };
  return {
    ...base,
    reasons: [
      ...reasons,
      `planned as: add nullable, backfill with ${value} in batches, then NOT NULL through a validated CHECK`,
    ],
    findings: [
      breaking("add-required-column", `${name} becomes required: code must write it before the contract step`, ctx),
    ],
    ops: expandBackfillContract(change, ctx, value, true),
  };
}

/** Expand (nullable column) → backfill (batched) → contract (NOT NULL without a long lock). */
function expandBackfillContract(change: AddColumn, ctx: PlanContext, value: string, needsCode: boolean): Op[] {
  const { table, column: col } = change;
  const name = columnName(table, col.name);
  const c = ident(col.name);
  const bare = { ...col, notNull: false, default: undefined };
  const up = [alterTable(table, `ADD COLUMN ${columnDefinition(table, bare)}`)];
  if (col.default !== undefined) up.push(alterTable(table, `ALTER COLUMN ${c} SET DEFAULT ${col.default}`));
  const ops: Op[] = [
    {
      stage: "main",
      rank: RANK.addColumn,
      up,
      down: [alterTable(table, `DROP COLUMN ${c}`)],
      ...(needsCode
        ? { deploy: `Then deploy code that writes ${name} on every insert, before the contract steps.` }
        : {}),
    },
    backfillOp(tableBefore(change), `${c} = ${value}`, `${c} IS NULL`, { set: `${c} = NULL` }, ctx),
  ];
  if (col.notNull) {
    const [check, ...validate] =
      ctx.options.postgresVersion >= 12
        ? notNullViaCheck(table, col.name, { add: "contract-check", validate: "contract-validate" })
        : [
            undefined,
            {
              stage: "contract-validate" as const,
              rank: RANK.alterColumn,
              up: [alterTable(table, `ALTER COLUMN ${c} SET NOT NULL`)],
              down: [alterTable(table, `ALTER COLUMN ${c} DROP NOT NULL`)],
              findings: [
                warning(
                  "set-not-null-scan",
                  `${name}: SET NOT NULL scans the table under ACCESS EXCLUSIVE (before PostgreSQL 12 no CHECK can spare the scan)`,
                ),
              ],
            },
          ];
    if (check)
      ops.push({
        ...check,
        ...(needsCode
          ? { deploy: `Deploy code that writes ${name} on every insert before this step.`, needsCodeDeploy: true }
          : {}),
      });
    ops.push(...validate.filter((o): o is Op => !!o));
  }
  return ops;
}

/**
 * How a backfill is undone: an UPDATE (`set`, for a column the plan adds: emptying it is harmless),
 * or nothing, with the reason (`note`) and, where it applies, the data the down cannot put back.
 */
export type BackfillUndo = { readonly set: string } | { readonly note: string; readonly dataLoss?: string };

/** A backfill op: batched by primary key (single or composite) where the table has one. */
export function backfillOp(
  table: ChangeOf<"add_column">["table"],
  set: string,
  where: string,
  undo: BackfillUndo,
  ctx: PlanContext,
  label = "backfill",
): Op {
  const size = ctx.options.batchSize;
  const batched = batchedUpdate(table, set, where, size);
  const up = batched ?? plainUpdate(table, set, where);
  const down =
    "set" in undo
      ? (batchedUpdate(table, undo.set, "true", size) ?? plainUpdate(table, undo.set, "true"))
      : `SELECT ${literal(undo.note)} AS lockstep_note`;
  return {
    stage: "backfill",
    rank: RANK.alterColumn,
    up: [up],
    down: [down],
    label: `${label}_${table.name}`,
    deploy: batched
      ? "Runs in batches of committed updates; safe while traffic flows."
      : `One UPDATE over the whole of ${table.name} (it has no primary key to walk in batches): it holds every row lock it takes until it ends; run it off-peak.`,
    ...(batched
      ? {}
      : {
          findings: [
            warning(
              "unbatched-backfill",
              `${displayName(table)} has no primary key to walk in batches: its backfill is one UPDATE that locks every row it touches until it ends`,
            ),
          ],
        }),
    ...("dataLoss" in undo && undo.dataLoss ? { dataLoss: undo.dataLoss } : {}),
  };
}

export const dropColumnRecipe: RecipeFn<ChangeOf<"drop_column">> = (change, ctx) => {
  const { table, column: col } = change;
  const before = tableBefore(change);
  const name = columnName(table, col.name);
  const findings: Finding[] = [breaking("drop-column", `dropping ${name} deletes its values`, ctx)];
  // Objects over several dropped columns come back with the first of them the plan drops: its
  // down runs last in the step, once the others are back.
  const dropped = changesOn(ctx, table, "drop_column").map((c) => c.column.name);
  const owns = (cols: readonly string[]) => dropped.find((c) => cols.includes(c)) === col.name;
  // A primary key the plan drops in a change of its own (a new key replaces it) comes back there.
  const keyDroppedApart = changesOn(ctx, table, "drop_primary_key").length > 0;
  const candidates = change.renameCandidates ?? [];
  if (candidates.length)
    findings.push({
      rule: "possible-rename",
      severity: "error",
      message: `${name} is dropped and ${candidates.join(", ")} added with the same type: is it a rename? A rename is never guessed`,
      fix: `--rename ${name}=${candidates[0]} if it is a rename, or --not-renamed ${name}=${candidates[0]} if it is not`,
    });
  return {
    kind: "drop_column",
    table: displayName(table),
    column: col.name,
    risk: "breaking",
    reasons: [
      `drops ${name} and its values; running code that still reads or writes it fails`,
      ...(candidates.length ? [`possible rename to ${candidates.join(" or ")}: pass --rename or --not-renamed`] : []),
    ],
    findings,
    ops: [
      // Its foreign keys as ops of their own, as a dropped table's: before any table they point at,
      // and added back once every column they span is back.
      ...before.foreignKeys.filter((fk) => owns(fk.columns)).map((fk) => foreignKeyDrop(before, fk, ctx)),
      {
        stage: "contract",
        rank: RANK.dropColumn,
        up: [alterTable(table, `DROP COLUMN ${ident(col.name)}`)],
        down: restoreColumn(before, col, { foreignKeys: false, primaryKey: !keyDroppedApart, owns }),
        deploy: `Deploy code that no longer reads or writes ${name} (ORMs: mark it ignored) before this step.`,
        needsCodeDeploy: true,
        dataLoss: `the values of ${name} are not restored by the down (it re-adds the column empty)${uniqueRequired(before, col) ? `; being NOT NULL and unique, it cannot come back on a table with more than one row: the down fails there` : ""}`,
      },
    ],
  };
};

/** A NOT NULL column under a unique key: no single filler value can bring it back on several rows. */
function uniqueRequired(table: ChangeOf<"drop_column">["table"], col: ChangeOf<"drop_column">["column"]): boolean {
  if (!col.notNull || col.default !== undefined || col.identity || col.generated) return false;
  return (
    !!table.primaryKey?.columns.includes(col.name) ||
    table.uniques.some((u) => u.columns.includes(col.name)) ||
    table.indexes.some((i) => i.unique && !i.predicate && i.keys.includes(col.name))
  );
}

export function warning(rule: string, message: string): Finding {
  return { rule, severity: "warning", message };
}
