/**
 * Changes to an existing column's properties, in place: identity and generated expressions, the
 * default, and NULL or NOT NULL (a backfill first, where the user gave the value).
 */
import { alterTable, columnDefinition, ident, literal, qualified } from "../render.js";
import type { ChangeOf } from "../../../diff/changes.js";
import type { Finding } from "../../../schema/finding.js";
import { displayName } from "../../../schema/model.js";
import { backfillKey, RANK } from "../../../plan/ops.js";
import type { RecipeFn } from "./sql-ops.js";
import { backfillOp, type BackfillUndo, warning } from "./columns.js";
import { changesOn, columnName, notNullViaCheck } from "./shared.js";

/** Identity and generated-expression changes, done in place. */
export const alterColumnOtherRecipe: RecipeFn<ChangeOf<"alter_column_other">> = (change, ctx) => {
  const { table, from, column: col } = change;
  const c = ident(col.name);
  const up: string[] = [];
  const down: string[] = [];
  let dataLoss: string | undefined;
  const findings: Finding[] = [];
  if (from.generated && !col.generated && ctx.options.postgresVersion >= 13) {
    // Generated → plain keeps the computed values as plain ones (PostgreSQL 13+).
    up.push(alterTable(table, `ALTER COLUMN ${c} DROP EXPRESSION`));
    down.push(alterTable(table, `DROP COLUMN ${c}`), alterTable(table, `ADD COLUMN ${columnDefinition(table, from)}`));
  } else if (from.generated !== col.generated) {
    // No in-place way before PostgreSQL 17: the column is rebuilt.
    up.push(alterTable(table, `DROP COLUMN ${c}`), alterTable(table, `ADD COLUMN ${columnDefinition(table, col)}`));
    down.push(alterTable(table, `DROP COLUMN ${c}`), alterTable(table, `ADD COLUMN ${columnDefinition(table, from)}`));
    dataLoss = from.generated
      ? `the values of ${columnName(table, col.name)} are not kept: the plain column starts empty (PostgreSQL 13+ keeps them with DROP EXPRESSION)`
      : `the values of ${columnName(table, col.name)} are replaced by the generated ones`;
    // What the rebuild's SQL is, declared: its drop loses the values, a stored generated column rewrites the table.
    findings.push(warning("drop-column", `${columnName(table, col.name)} is rebuilt: ${dataLoss}`));
    if (col.generated)
      findings.push(
        warning(
          "add-stored-generated-column",
          `${columnName(table, col.name)} is added back generated: ${displayName(table)} is rewritten under ACCESS EXCLUSIVE`,
        ),
      );
  } else if (!from.identity && col.identity) {
    up.push(
      alterTable(table, `ALTER COLUMN ${c} ADD GENERATED ${col.identity.toUpperCase()} AS IDENTITY`),
      continueAfterRows(table, col.name),
    );
    down.push(alterTable(table, `ALTER COLUMN ${c} DROP IDENTITY`));
  } else if (from.identity && !col.identity) {
    up.push(alterTable(table, `ALTER COLUMN ${c} DROP IDENTITY`));
    down.push(
      alterTable(table, `ALTER COLUMN ${c} ADD GENERATED ${from.identity.toUpperCase()} AS IDENTITY`),
      continueAfterRows(table, col.name),
    );
  } else if (from.identity && col.identity) {
    up.push(alterTable(table, `ALTER COLUMN ${c} SET GENERATED ${col.identity.toUpperCase()}`));
    down.push(alterTable(table, `ALTER COLUMN ${c} SET GENERATED ${from.identity.toUpperCase()}`));
  }
  return {
    kind: "other",
    table: displayName(table),
    column: col.name,
    risk: "risky",
    reasons: ["changes how the column's values are generated"],
    ops: [{ stage: "main", rank: RANK.alterColumn, up, down, ...(dataLoss ? { dataLoss } : {}) }],
    findings,
  };
};

/**
 * A new identity sequence starts at 1: on a table with rows, the next insert would collide with
 * them. It is moved past the largest value.
 */
function continueAfterRows(table: ChangeOf<"alter_column_other">["table"], column: string): string {
  const c = ident(column);
  return `SELECT setval(pg_get_serial_sequence(${literal(qualified(table))}, ${literal(column)}), coalesce(max(${c}), 0) + 1, false) FROM ${qualified(table)}`;
}

export const setDefaultRecipe: RecipeFn<ChangeOf<"set_default" | "drop_default">> = (change, ctx) => {
  const { table, from, column: col } = change;
  const c = ident(col.name);
  const set = (d: string | undefined) =>
    alterTable(table, d === undefined ? `ALTER COLUMN ${c} DROP DEFAULT` : `ALTER COLUMN ${c} SET DEFAULT ${d}`);
  const base = { kind: change.kind, table: displayName(table), column: col.name, risk: "safe" as const };
  // The old default may not fit the new type: the type change sets the default with it.
  const retyped = changesOn(ctx, table, "alter_column_type").some((x) => x.column.name === col.name);
  if (retyped) return { ...base, reasons: ["set with the column's type change"], ops: [] };
  return {
    ...base,
    reasons: ["a default applies to new rows only: a catalog change"],
    ops: [{ stage: "main", rank: RANK.alterColumn, up: [set(col.default)], down: [set(from.default)] }],
  };
};

export const setNotNullRecipe: RecipeFn<ChangeOf<"set_not_null">> = (change, ctx) => {
  const { table, column: col } = change;
  const name = columnName(table, col.name);
  const base = { kind: "set_not_null" as const, table: displayName(table), column: col.name, risk: "risky" as const };
  const value = ctx.options.backfills.get(backfillKey(table, col.name));
  const c = ident(col.name);
  if (ctx.options.postgresVersion < 12)
    return {
      ...base,
      reasons: [
        `SET NOT NULL scans ${displayName(table)} under ACCESS EXCLUSIVE (before PostgreSQL 12 no CHECK can spare the scan)`,
      ],
      findings: [warning("set-not-null-scan", `${name}: SET NOT NULL scans the table under ACCESS EXCLUSIVE`)],
      ops: [
        ...(value === undefined ? [] : [backfillOp(table, `${c} = ${value}`, `${c} IS NULL`, keepFilled(name), ctx)]),
        {
          stage: value === undefined ? "main" : "contract",
          rank: RANK.alterColumn,
          up: [alterTable(table, `ALTER COLUMN ${c} SET NOT NULL`)],
          down: [alterTable(table, `ALTER COLUMN ${c} DROP NOT NULL`)],
        },
      ],
    };
  const reasons = [
    `SET NOT NULL alone scans ${displayName(table)} under ACCESS EXCLUSIVE; planned as CHECK NOT VALID, VALIDATE, then SET NOT NULL`,
    value === undefined
      ? `VALIDATE fails if ${name} holds NULLs: give --backfill ${name}=<SQL expression> to fill them first`
      : `NULLs are filled with ${value} in batches first`,
  ];
  if (value === undefined)
    return { ...base, reasons, ops: notNullViaCheck(table, col.name, { add: "main", validate: "validate" }) };
  return {
    ...base,
    reasons,
    ops: [
      backfillOp(table, `${c} = ${value}`, `${c} IS NULL`, keepFilled(name), ctx),
      ...notNullViaCheck(table, col.name, { add: "contract-check", validate: "contract-validate" }),
    ],
  };
};

export const dropNotNullRecipe: RecipeFn<ChangeOf<"drop_not_null">> = (change) => {
  const { table, column: col } = change;
  const c = ident(col.name);
  return {
    kind: "drop_not_null",
    table: displayName(table),
    column: col.name,
    risk: "safe",
    reasons: ["dropping NOT NULL is a catalog change"],
    ops: [
      {
        stage: "main",
        rank: RANK.alterColumn,
        up: [alterTable(table, `ALTER COLUMN ${c} DROP NOT NULL`)],
        down: [alterTable(table, `ALTER COLUMN ${c} SET NOT NULL`)],
      },
    ],
  };
};

/** An existing column's NULLs, once filled, stay filled: which rows held NULL is not recorded. */
function keepFilled(name: string): BackfillUndo {
  return {
    note: `${name} keeps the values the backfill wrote: which rows were NULL is not recorded`,
    dataLoss: `the down does not put back the NULLs the backfill filled in ${name}`,
  };
}
