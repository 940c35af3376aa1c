/**
 * Implicit many-to-many relations: both sides are lists and neither holds the foreign key.
 * Prisma keeps them in a join table `_<RelationName>` (the default relation name is the two
 * model names in order, joined by `To`), whose column `A` references the model that sorts
 * first and `B` the other; it lives in A's schema.
 */
import type { DmmfModel } from "./dmmf.js";

export interface JoinTable {
  readonly table: string;
  readonly schema: string | null;
  readonly a: DmmfModel;
  readonly b: DmmfModel;
}

export function implicitManyToMany(models: readonly DmmfModel[]): JoinTable[] {
  const sides = new Map<string, DmmfModel[]>();
  for (const model of models)
    for (const f of model.fields)
      if (f.kind === "object" && f.relationName) {
        const list = sides.get(f.relationName) ?? [];
        // Not a list, or holding the keys: a one-to-one or one-to-many relation.
        list.push(f.isList && !f.relationFromFields?.length ? model : undefinedModel);
        sides.set(f.relationName, list);
      }
  const joins: JoinTable[] = [];
  for (const [relation, ends] of sides) {
    if (ends.length !== 2 || ends.includes(undefinedModel)) continue;
    const [a, b] = [...ends].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) as [DmmfModel, DmmfModel];
    joins.push({ table: `_${relation}`, schema: a.schema, a, b });
  }
  return joins.sort((x, y) => (x.table < y.table ? -1 : 1));
}

const undefinedModel: DmmfModel = { name: "", dbName: null, schema: null, fields: [] };
