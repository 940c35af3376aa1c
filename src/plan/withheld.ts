import type { Dialect } from "../dialects/dialect.js";
import type { Change } from "../diff/changes.js";
import { tableKey } from "../diff/renames.js";
import type { Recipe } from "./ops.js";

/**
 * A column the plan cannot add yet (a NOT NULL column with no value for the existing rows: its
 * recipe plans nothing and says why) takes with it every change that rests on it: the foreign
 * key, index, key or CHECK over it would fail, or be written for a column that does not exist.
 * Their recipes plan nothing either, and say which column they wait for.
 */
export function withholdDependents(changes: readonly Change[], recipes: readonly Recipe[], dialect: Dialect): Recipe[] {
  const withheld = new Set<string>();
  changes.forEach((c, i) => {
    if (c.kind === "add_column" && recipes[i]!.ops.length === 0) withheld.add(`${tableKey(c.table)}|${c.column.name}`);
  });
  if (withheld.size === 0) return [...recipes];
  return recipes.map((r, i) => {
    const c = changes[i]!;
    if (c.kind === "add_column" || !("table" in c)) return r;
    const waitsFor = columnsOf(c, dialect).filter((col) => withheld.has(`${tableKey(c.table)}|${col}`));
    if (waitsFor.length === 0 || r.ops.length === 0) return r;
    return {
      ...r,
      ops: [],
      reasons: [...r.reasons, `withheld with ${waitsFor.join(", ")}: it is planned once the column can be added`],
    };
  });
}

/** The columns a change that adds something over columns rests on. */
function columnsOf(c: Change, dialect: Dialect): readonly string[] {
  switch (c.kind) {
    case "add_foreign_key":
      return c.fk.columns;
    case "add_index":
      return dialect.indexColumns(c.index);
    case "add_unique":
      return c.unique.columns;
    case "add_primary_key":
      return c.pk.columns;
    case "add_check":
      return c.check.definition.startsWith("CHECK") ? dialect.columnRefs(c.check.definition.slice("CHECK".length)) : [];
    default:
      return [];
  }
}
