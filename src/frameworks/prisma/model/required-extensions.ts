/**
 * Extensions a schema cannot be built without. Unless the `postgresqlExtensions` preview is on,
 * Prisma leaves extensions to the project (created by hand in a migration), yet `@db.Citext` or a
 * `gin_trgm_ops` index need theirs to exist: the DDL creates them first, as that migration did.
 */
import type { Dmmf } from "./dmmf.js";
import type { SchemaText } from "./schema-text.js";

const BY_OPERATOR_CLASS: readonly (readonly [RegExp, string])[] = [
  [/_trgm_ops$/, "pg_trgm"],
  [/^(gin|gist)_hstore_ops$/, "hstore"],
];

const BY_EXPRESSION: readonly (readonly [RegExp, string])[] = [
  [/\buuid_generate_v\d/, "uuid-ossp"],
  [/\b(gen_random_bytes|crypt|gen_salt|digest|hmac)\s*\(/, "pgcrypto"],
];

const BY_TYPE: readonly (readonly [RegExp, string])[] = [
  [/^citext$/i, "citext"],
  [/^hstore$/i, "hstore"],
  [/^ltree$/i, "ltree"],
];

export function requiredExtensions(dmmf: Dmmf, text: SchemaText): string[] {
  const needed = new Set<string>();
  const match = (table: typeof BY_TYPE, value: string | undefined) => {
    for (const [pattern, extension] of table) if (value && pattern.test(value)) needed.add(extension);
  };
  for (const model of dmmf.models) {
    for (const field of model.fields) {
      match(BY_TYPE, field.nativeType?.[0]);
      const d = field.default;
      if (d && typeof d === "object" && !Array.isArray(d) && "name" in d && d.name === "dbgenerated")
        match(BY_EXPRESSION, String(d.args[0] ?? ""));
    }
    for (const field of text.unsupported.get(model.name) ?? []) {
      match(BY_TYPE, field.type);
      match(BY_EXPRESSION, field.default);
    }
  }
  for (const index of dmmf.indexes) for (const f of index.fields) match(BY_OPERATOR_CLASS, f.operatorClass);
  return [...needed].sort();
}
