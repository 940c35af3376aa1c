/**
 * The SQLite DDL that `prisma migrate dev` writes for a schema with `provider = "sqlite"` into an
 * empty database: tables with the primary key on its column (`INTEGER NOT NULL PRIMARY KEY
 * AUTOINCREMENT` for `@default(autoincrement())`) and foreign keys inside CREATE TABLE (SQLite has
 * no ADD CONSTRAINT), then indexes. SQLite has no enums, lists nor schemas: an enum is TEXT.
 * Quoting is the dialect's.
 */
import type { Dialect } from "../../../dialects/dialect.js";
import { isAutoincrement } from "./column-types.js";
import type { Dmmf, DmmfField, DmmfIndex, DmmfModel } from "./dmmf.js";
import { implicitManyToMany, type JoinTable } from "./many-to-many.js";
import { foreignKeyName, indexName, primaryKeyName, uniqueIndexName } from "./names.js";
import type { SchemaText } from "./schema-text.js";

/** Prisma's type per scalar on SQLite (no native types there). */
const SCALAR_TYPES: Readonly<Record<string, string>> = {
  String: "TEXT",
  Boolean: "BOOLEAN",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "REAL",
  Decimal: "DECIMAL",
  DateTime: "DATETIME",
  Json: "JSONB",
  Bytes: "BLOB",
};

const ACTIONS: Readonly<Record<string, string>> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

export function prismaSqliteDdl(dmmf: Dmmf, text: SchemaText, dialect: Dialect): string[] {
  const ident = (name: string) => dialect.ident(name);
  const literal = (value: string) => dialect.literal(value);
  const models = dmmf.models.filter((m) => !text.views.has(m.name));
  const byName = new Map(dmmf.models.map((m) => [m.name, m]));
  const indexesOf = (m: DmmfModel): DmmfIndex[] => dmmf.indexes.filter((i) => i.model === m.name);
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, field: string) => {
    const f = m.fields.find((x) => x.name === field);
    return f ? (f.dbName ?? f.name) : (text.unsupported.get(m.name)?.find((u) => u.name === field)?.column ?? field);
  };
  const list = (names: readonly string[]) => names.map(ident).join(", ");

  const typeOf = (f: DmmfField): string => {
    if (f.kind === "enum") return "TEXT";
    const type = SCALAR_TYPES[f.type];
    if (!type) throw new Error(`no SQLite type for the Prisma type ${f.type}`);
    return type;
  };
  const defaultOf = (f: DmmfField): string | undefined => {
    const d = f.default;
    if (d === undefined || d === null || Array.isArray(d)) return undefined;
    if (typeof d === "object") {
      const fn = d as { name: string; args: readonly unknown[] };
      if (fn.name === "now") return "CURRENT_TIMESTAMP";
      if (fn.name === "dbgenerated" && typeof fn.args[0] === "string" && fn.args[0].trim()) return fn.args[0];
      return undefined;
    }
    if (typeof d === "boolean") return d ? "true" : "false";
    if (typeof d === "number") return String(d);
    if (f.kind === "enum") {
      const e = dmmf.enums.find((x) => x.name === f.type);
      return literal(e?.values.find((v) => v.name === d)?.dbName ?? String(d));
    }
    return ["Int", "BigInt", "Float", "Decimal"].includes(f.type) ? String(d) : literal(String(d));
  };

  const foreignKey = (
    name: string,
    columns: string[],
    target: string,
    refs: string[],
    onDelete: string,
    onUpdate: string,
  ) =>
    `    CONSTRAINT ${ident(name)} FOREIGN KEY (${list(columns)}) REFERENCES ${ident(target)} (${list(refs)}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;

  const createTable = (m: DmmfModel): string => {
    const pk = indexesOf(m).find((i) => i.type === "id");
    const pkColumns = pk ? pk.fields.map((f) => columnOf(m, f.name)) : [];
    const single = pkColumns.length === 1 ? pkColumns[0] : undefined;
    const lines = m.fields
      .filter((f) => f.kind === "scalar" || f.kind === "enum")
      .map((f) => {
        const name = f.dbName ?? f.name;
        const notNull = f.isRequired ? " NOT NULL" : "";
        if (name === single) {
          const auto = isAutoincrement(f) ? " AUTOINCREMENT" : "";
          return `    ${ident(name)} ${typeOf(f)}${notNull} PRIMARY KEY${auto}`;
        }
        const def = defaultOf(f);
        return `    ${ident(name)} ${typeOf(f)}${notNull}${def ? ` DEFAULT ${def}` : ""}`;
      });
    for (const u of text.unsupported.get(m.name) ?? [])
      lines.push(
        `    ${ident(u.column)} ${u.type}${u.isRequired ? " NOT NULL" : ""}${u.default ? ` DEFAULT ${u.default}` : ""}`,
      );
    if (pkColumns.length > 1)
      lines.push(`    CONSTRAINT ${ident(pk?.dbName ?? primaryKeyName(tableOf(m)))} PRIMARY KEY (${list(pkColumns)})`);
    if (!text.emulatedRelations)
      for (const f of m.fields.filter((x) => x.kind === "object" && x.relationFromFields?.length)) {
        const target = byName.get(f.type)!;
        const columns = f.relationFromFields!.map((c) => columnOf(m, c));
        const keys = f.relationFromFields!.map((c) => m.fields.find((x) => x.name === c));
        const required = f.isRequired || keys.some((k) => k?.isRequired);
        lines.push(
          foreignKey(
            text.foreignKeyNames.get(`${m.name}.${f.name}`) ?? foreignKeyName(tableOf(m), columns),
            columns,
            tableOf(target),
            f.relationToFields!.map((c) => columnOf(target, c)),
            ACTIONS[f.relationOnDelete ?? (required ? "Restrict" : "SetNull")]!,
            ACTIONS[f.relationOnUpdate ?? "Cascade"]!,
          ),
        );
      }
    return `-- CreateTable\nCREATE TABLE ${ident(tableOf(m))} (\n${lines.join(",\n")}\n);`;
  };

  const idColumn = (m: DmmfModel) => columnOf(m, indexesOf(m).find((i) => i.type === "id")!.fields[0]!.name);
  const idType = (m: DmmfModel) => typeOf(m.fields.find((f) => (f.dbName ?? f.name) === idColumn(m))!);
  const createJoinTable = (j: JoinTable): string => {
    const lines = [`    "A" ${idType(j.a)} NOT NULL`, `    "B" ${idType(j.b)} NOT NULL`];
    if (!text.emulatedRelations)
      for (const [side, target] of [
        ["A", j.a],
        ["B", j.b],
      ] as const)
        lines.push(
          foreignKey(
            foreignKeyName(j.table, [side]),
            [side],
            tableOf(target),
            [idColumn(target)],
            "CASCADE",
            "CASCADE",
          ),
        );
    return `-- CreateTable\nCREATE TABLE ${ident(j.table)} (\n${lines.join(",\n")}\n);`;
  };

  const indexes = (m: DmmfModel): string[] =>
    indexesOf(m)
      .filter((i) => i.type === "unique" || i.type === "normal")
      .map((i) => {
        const columns = i.fields.map((f) => columnOf(m, f.name));
        const unique = i.type === "unique";
        const name = i.dbName ?? (unique ? uniqueIndexName(tableOf(m), columns) : indexName(tableOf(m), columns));
        const keys = i.fields.map((f, n) => `${ident(columns[n]!)}${f.sortOrder === "desc" ? " DESC" : ""}`);
        return `-- CreateIndex\nCREATE ${unique ? "UNIQUE " : ""}INDEX ${ident(name)} ON ${ident(tableOf(m))}(${keys.join(", ")});`;
      });

  const joins = implicitManyToMany(models);
  return [
    ...models.map(createTable),
    ...joins.map(createJoinTable),
    ...models.flatMap(indexes),
    ...joins.flatMap((j) => [
      `-- CreateIndex\nCREATE UNIQUE INDEX ${ident(`${j.table}_AB_unique`)} ON ${ident(j.table)}("A", "B");`,
      `-- CreateIndex\nCREATE INDEX ${ident(`${j.table}_B_index`)} ON ${ident(j.table)}("B");`,
    ]),
  ];
}
