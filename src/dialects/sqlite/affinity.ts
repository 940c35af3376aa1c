/**
 * SQLite's column affinity from a declared type, by its own documented rules, in their order
 * (https://www.sqlite.org/datatype3.html §3.1): the declared type is not checked, only read for
 * these substrings, so `VARCHAR(10)` is TEXT, `FLOATING POINT` is INTEGER ("INT" comes first) and
 * `STRING` is NUMERIC.
 */
export type Affinity = "INTEGER" | "TEXT" | "BLOB" | "REAL" | "NUMERIC";

export function affinity(declaredType: string | undefined): Affinity {
  const t = (declaredType ?? "").toUpperCase();
  if (t.includes("INT")) return "INTEGER";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return "TEXT";
  if (t.includes("BLOB") || t.trim() === "") return "BLOB";
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB")) return "REAL";
  return "NUMERIC";
}

/** STRICT tables accept only these type names (SQLite 3.37+). */
export const STRICT_TYPES = ["INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"] as const;
