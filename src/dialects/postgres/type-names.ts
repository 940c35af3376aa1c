/**
 * A parse-tree TypeName spelled as `format_type` prints it, so it compares with the types the
 * catalog gives (`int8` → `bigint`, `varchar(10)` → `character varying(10)`, `timestamptz` →
 * `timestamp with time zone`, `int[]` → `integer[]`). Types outside pg_catalog keep their name
 * (without `public.`).
 */
type Node = Record<string, unknown>;

const NAMES: Record<string, string> = {
  int2: "smallint",
  int4: "integer",
  int: "integer",
  integer: "integer",
  int8: "bigint",
  smallint: "smallint",
  bigint: "bigint",
  float4: "real",
  float8: "double precision",
  real: "real",
  bool: "boolean",
  boolean: "boolean",
  varchar: "character varying",
  bpchar: "character",
  char: "character",
  character: "character",
  varbit: "bit varying",
  decimal: "numeric",
  serial: "integer",
  serial4: "integer",
  bigserial: "bigint",
  serial8: "bigint",
  smallserial: "smallint",
  serial2: "smallint",
  timestamptz: "timestamp with time zone",
  timetz: "time with time zone",
};

/** Types whose spelling puts the modifier before `with(out) time zone`. */
const ZONED: Record<string, [string, string]> = {
  timestamp: ["timestamp", " without time zone"],
  timestamptz: ["timestamp", " with time zone"],
  time: ["time", " without time zone"],
  timetz: ["time", " with time zone"],
};

export function typeNameOf(typeName: unknown): string {
  const t = (typeName ?? {}) as Node;
  const parts = ((t.names ?? []) as { String?: { sval?: string } }[]).map((n) => n.String?.sval ?? "");
  const catalog = parts.length === 1 || parts[0] === "pg_catalog";
  const last = parts[parts.length - 1] ?? "";
  const mods = ((t.typmods ?? []) as Node[])
    .map((m) => ((m.A_Const as Node | undefined)?.ival as { ival?: number } | undefined)?.ival)
    .filter((n): n is number => typeof n === "number");
  const array = Array.isArray(t.arrayBounds) && t.arrayBounds.length > 0 ? "[]" : "";
  if (!catalog) {
    const qualified = parts[0] === "public" ? parts.slice(1) : parts;
    return qualified.join(".") + array;
  }
  if (last === "char" && parts.length === 1 && mods.length === 0 && !t.typmods) return `"char"${array}`;
  const zoned = ZONED[last];
  if (zoned) return `${zoned[0]}${mods.length ? `(${mods.join(",")})` : ""}${zoned[1]}${array}`;
  const base = NAMES[last] ?? last;
  // interval's modifiers are a field mask, not a length: leave them out.
  const withMods = mods.length && base !== "interval" ? `${base}(${mods.join(",")})` : base;
  return withMods + array;
}

/** serial, bigserial, smallserial (and their serialN spellings): a sequence-backed column. */
export function isSerialType(typeName: unknown): boolean {
  const names = (((typeName ?? {}) as Node).names ?? []) as { String?: { sval?: string } }[];
  const last = names[names.length - 1]?.String?.sval ?? "";
  return /^(small|big)?serial[248]?$/.test(last);
}
