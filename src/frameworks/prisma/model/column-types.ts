/**
 * Column types as Prisma Migrate writes them for PostgreSQL: each scalar's default native type,
 * `@db.*` native types, enums, lists, and the serial types that `@default(autoincrement())` gives.
 */
import type { DmmfField } from "./dmmf.js";

/** Prisma's default native type per scalar (no `@db.*` attribute). */
const SCALAR_TYPES: Readonly<Record<string, string>> = {
  String: "TEXT",
  Boolean: "BOOLEAN",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "DOUBLE PRECISION",
  Decimal: "DECIMAL(65,30)",
  DateTime: "TIMESTAMP(3)",
  Json: "JSONB",
  Bytes: "BYTEA",
};

/** `@db.*` names whose SQL spelling is not simply the name in capitals. */
const NATIVE_SPELLING: Readonly<Record<string, string>> = {
  DoublePrecision: "DOUBLE PRECISION",
};

const SERIAL_TYPES: Readonly<Record<string, string>> = {
  INTEGER: "SERIAL",
  BIGINT: "BIGSERIAL",
  SMALLINT: "SMALLSERIAL",
};

/** The column's type without `[]`; `enumType` gives an enum's (qualified, quoted) type name. */
export function baseType(field: DmmfField, enumType: (name: string) => string): string {
  if (field.kind === "enum") return enumType(field.type);
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    const spelled = NATIVE_SPELLING[name] ?? name.toUpperCase();
    return args.length ? `${spelled}(${args.join(",")})` : spelled;
  }
  const type = SCALAR_TYPES[field.type];
  if (!type) throw new Error(`no PostgreSQL type for the Prisma type ${field.type}`);
  return type;
}

/** The serial type for an `autoincrement()` column of this base type. */
export function serialType(type: string): string {
  return SERIAL_TYPES[type] ?? type;
}

export function isAutoincrement(field: DmmfField): boolean {
  const d = field.default;
  return typeof d === "object" && d !== null && !Array.isArray(d) && "name" in d && d.name === "autoincrement";
}
