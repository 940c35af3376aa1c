/**
 * Prisma gives enum values no order in the database: `prisma migrate` appends a value added to
 * an enum (`ALTER TYPE … ADD VALUE`) wherever the schema lists it, and never reorders. So the
 * desired order is the current one, with new values after it in the schema's order; anything
 * else would plan a reorder (a breaking enum rebuild) that Prisma itself never asks for.
 */
import type { Schema } from "../../schema/model.js";
import { sameName } from "../../schema/model.js";

export function appendNewEnumValues(current: Schema, desired: Schema): Schema {
  return {
    ...desired,
    enums: desired.enums.map((e) => {
      const existing = current.enums.find((c) => sameName(c, e));
      if (!existing) return e;
      const kept = existing.values.filter((v) => e.values.includes(v));
      return { ...e, values: [...kept, ...e.values.filter((v) => !kept.includes(v))] };
    }),
  };
}
