import { addForeignKey, dropConstraint, ident } from "../render.js";
import type { Change } from "../../../diff/changes.js";
import { type ForeignKey, sameName, type Table } from "../../../schema/model.js";
import { type PlanContext, RANK, type Stage } from "../../../plan/ops.js";
import type { Op } from "./sql-ops.js";

/**
 * A foreign key rests on a unique index over exactly its referenced columns (a primary key, a
 * unique constraint or a plain unique index): it cannot be added before that index exists, and the
 * index cannot be dropped while the key uses it. These find the plan's changes to such indexes.
 */

/** Where a foreign key goes when its key is built (or dropped) by the plan: after the attach step. */
export const AFTER_KEYS = { add: "attach", validate: "attach-validate" } as const satisfies Record<string, Stage>;

/** The columns of the unique key a change builds or drops, in any order; undefined for other changes. */
function keyColumns(c: Change): readonly string[] | undefined {
  switch (c.kind) {
    case "add_unique":
    case "drop_unique":
      return c.unique.columns;
    case "add_primary_key":
    case "drop_primary_key":
      return c.pk.columns;
    case "add_index":
    case "drop_index":
      // Plain column keys only, as the catalog prints them (quoted where needed).
      return c.index.unique && !c.index.predicate ? c.index.keys : undefined;
    default:
      return undefined;
  }
}

/**
 * The changes that build or drop a unique key on exactly the columns `fk` references. `side` names
 * the schema `fk` comes from: its table names are those of the desired schema or the current one.
 */
export function keyChangesFor(fk: ForeignKey, ctx: PlanContext, side: "from" | "to"): Change[] {
  const wanted = fk.referencedColumns;
  return ctx.changes.filter((c) => {
    const cols = keyColumns(c);
    if (!cols || cols.length !== wanted.length || !("table" in c)) return false;
    const table = side === "from" && "before" in c && c.before ? c.before : c.table;
    const names = c.kind === "add_index" || c.kind === "drop_index" ? wanted.map(ident) : wanted;
    return sameName(table, fk.references) && names.every((n) => cols.includes(n));
  });
}

/** A foreign key the plan adds must wait for the plan's builds (and drops) of the key it references. */
export function waitsForKey(fk: ForeignKey, ctx: PlanContext): boolean {
  return keyChangesFor(fk, ctx, "to").length > 0;
}

/** The drops among the changes to the key `fk` (as it is now) references. */
export function keyDropsFor(fk: ForeignKey, ctx: PlanContext): Change[] {
  return keyChangesFor(fk, ctx, "from").filter((c) => c.kind.startsWith("drop_"));
}

/**
 * A foreign key dropped with its table or column: first in the contract step, so tables and
 * columns dropped together never wait on each other. Where the plan also drops the key it rests on
 * (in the main step, or CONCURRENTLY after it), it goes first in the main step instead, and its down
 * adds it back last, once that key is back.
 */
export function foreignKeyDrop(table: Table, fk: ForeignKey, ctx: PlanContext): Op {
  return {
    stage: keyDropsFor(fk, ctx).length ? "main" : "contract",
    rank: RANK.dropForeignKey,
    up: [dropConstraint(table, fk.name)],
    down: [addForeignKey(table, fk)],
  };
}
