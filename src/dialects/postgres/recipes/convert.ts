import type { Column } from "../../../schema/model.js";
import type { PlanContext } from "../../../plan/ops.js";
import { enumOf } from "./enums.js";

/**
 * The expression that turns `expr`, a value of `from`'s type, into one of `to`'s. Mostly a `::`
 * cast; where PostgreSQL has no cast:
 * - between two enum types (or arrays of them): through text;
 * - an array into json or jsonb (Prisma's `Json[]` → `Json`): the array as one JSON array
 *   (`to_jsonb`), which keeps every element;
 * - json or jsonb back into an array of json or jsonb: the JSON array's elements (a value that is
 *   not an array becomes the array of itself). This one reads with a subquery, which an
 *   `ALTER COLUMN … USING` refuses: the swap's UPDATE and trigger take it.
 */
export function convert(expr: string, from: Column, to: Column, ctx: PlanContext): string {
  const isEnum = (type: string) => !!(enumOf(type, ctx.from) ?? enumOf(type, ctx.to));
  if (isEnum(from.type) && isEnum(to.type))
    return `${expr}::${from.type.endsWith("[]") ? "text[]" : "text"}::${to.type}`;
  const json = (type: string) => (type === "json" || type === "jsonb" ? type : undefined);
  if (from.type.endsWith("[]") && json(to.type)) return `to_${to.type}(${expr})`;
  const fromJson = json(from.type);
  const element = to.type.endsWith("[]") ? json(to.type.slice(0, -2)) : undefined;
  if (fromJson && element) {
    const asArray = `CASE WHEN ${fromJson}_typeof(${expr}) = 'array' THEN ${expr} ELSE ${fromJson}_build_array(${expr}) END`;
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE ARRAY(SELECT ${fromJson}_array_elements(${asArray})::${element}) END`;
  }
  return `${expr}::${to.type}`;
}
