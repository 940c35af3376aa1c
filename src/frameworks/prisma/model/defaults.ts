/**
 * `@default(…)` as Prisma Migrate writes it on PostgreSQL. Values that Prisma Client generates
 * (`uuid()`, `cuid()`, `nanoid()`, `ulid()`) and `autoincrement()` (a serial type) give no
 * database default; `now()` is CURRENT_TIMESTAMP; `dbgenerated("…")` is the expression verbatim.
 */
import type { Dialect } from "../../../dialects/dialect.js";
import type { DefaultValue, DmmfField } from "./dmmf.js";

type Scalar = string | number | boolean;

/** The DEFAULT expression, or undefined for none. `columnType` is the full type (with `[]`). */
export function defaultSql(
  field: DmmfField,
  columnType: string,
  enumValue: (value: string) => string,
  dialect: Dialect,
): string | undefined {
  const value: DefaultValue | undefined = field.default;
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const items = (value as readonly Scalar[]).map((v) => scalarSql(field, v, enumValue, dialect));
    return `ARRAY[${items.join(", ")}]::${columnType}`;
  }
  if (typeof value === "object") return functionSql(value as { name: string; args: readonly unknown[] });
  return scalarSql(field, value as Scalar, enumValue, dialect);
}

function functionSql(fn: { name: string; args: readonly unknown[] }): string | undefined {
  if (fn.name === "now") return "CURRENT_TIMESTAMP";
  if (fn.name === "dbgenerated") {
    const expr = fn.args[0];
    return typeof expr === "string" && expr.trim() ? expr : undefined;
  }
  return undefined;
}

function scalarSql(field: DmmfField, value: Scalar, enumValue: (value: string) => string, dialect: Dialect): string {
  const literal = (text: string) => dialect.literal(text);
  if (field.kind === "enum") return literal(enumValue(String(value)));
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  switch (field.type) {
    case "BigInt":
    case "Int":
    case "Float":
    case "Decimal":
      return value;
    case "Bytes":
      return literal(`\\x${Buffer.from(value, "base64").toString("hex")}`);
    default:
      return literal(value);
  }
}
