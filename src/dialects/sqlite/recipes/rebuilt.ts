import type { Change, ChangeOf } from "../../../diff/changes.js";
import { tableKey } from "../../../diff/renames.js";
import { CHANGE_KINDS, type ChangeKind } from "../../../plan/model.js";
import type { PlanContext } from "../../../plan/ops.js";
import type { Table } from "../../../schema/model.js";
import { displayName } from "../../../schema/model.js";
import { affinity } from "../affinity.js";
import { ident } from "../render.js";
import { breaking, columnName, type Recipe, rebuildOp, rebuildOwner, tableBefore } from "./shared.js";

/** Kinds that lose data or break running code: confirmed with --allow-breaking, run in the contract step. */
const BREAKING: ReadonlySet<Change["kind"]> = new Set(["drop_column", "drop_primary_key"]);

/**
 * A change on a table that is rebuilt: the first such change's recipe carries the one rebuild (from
 * the table before the plan to the table the plan wants, every change on it at once); the others
 * say the rebuild does them.
 */
export function rebuiltRecipe(change: Change & { readonly table: Table }, ctx: PlanContext): Recipe {
  const table = change.table;
  const column =
    "column" in change ? (change.kind === "rename_column" ? change.from.name : change.column.name) : undefined;
  const breaks = BREAKING.has(change.kind);
  const head = {
    kind: (CHANGE_KINDS as readonly string[]).includes(change.kind) ? (change.kind as ChangeKind) : "other",
    table: displayName(table),
    ...(column !== undefined ? { column } : {}),
    risk: breaks ? ("breaking" as const) : ("risky" as const),
  };
  const findings =
    breaks && column !== undefined
      ? [breaking("drop-column", `dropping ${columnName(table, column)} deletes its values`, ctx)]
      : [];
  const owner = rebuildOwner(ctx, table);
  if (owner !== change) {
    return { ...head, reasons: [`done by the rebuild of ${displayName(table)}`], ops: [], findings };
  }
  const from = tableBefore(change, ctx);
  const to = ctx.to.tables.find((t) => tableKey(t) === tableKey(table)) ?? table;
  const copy: Record<string, string> = {};
  for (const c of ctx.changes) {
    if (c.kind === "rename_column" && tableKey(c.table) === tableKey(table)) copy[c.column.name] = ident(c.from.name);
  }
  const contract = ctx.changes.some(
    (c) => BREAKING.has(c.kind) && "table" in c && tableKey(c.table) === tableKey(table),
  );
  return {
    ...head,
    reasons: [
      `SQLite's ALTER TABLE cannot make this change: ${displayName(table)} is rebuilt (new table, copy, drop, rename, indexes again), with foreign keys off outside the transaction and foreign_key_check before the commit`,
      ...ctx.changes.flatMap((c) =>
        c.kind === "alter_column_type" && tableKey(c.table) === tableKey(table) ? [affinityNote(c)] : [],
      ),
    ],
    findings,
    ops: [
      rebuildOp(from, to, ctx, {
        copy,
        ...(contract
          ? {
              stage: "contract",
              deploy: `Deploy code that no longer uses what the rebuild of ${displayName(table)} removes before this step.`,
            }
          : {}),
      }),
    ],
  };
}

/** What a type change does to the values the copy carries over: SQLite converts by affinity. */
function affinityNote(c: ChangeOf<"alter_column_type">): string {
  const from = affinity(c.from.type);
  const to = affinity(c.column.type);
  const name = `${displayName(c.table)}.${c.column.name}`;
  return from === to
    ? `${name}: ${c.from.type || "(none)"} → ${c.column.type || "(none)"} keeps ${to} affinity: stored values do not change`
    : `${name}: ${from} → ${to} affinity: the copy converts the stored values where SQLite can (an integer becomes a real, a numeric text a number) and keeps the others as they are`;
}
