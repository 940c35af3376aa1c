/**
 * The PostgreSQL DDL that `prisma migrate dev` would write for a schema into an empty database,
 * in Prisma's order: schemas, extensions, enums, tables (primary keys inline), indexes, foreign
 * keys. Built from the DMMF plus what only the schema text tells (see schema-text.ts).
 */
import type { Dialect } from "../../../dialects/dialect.js";
import { baseType, isAutoincrement, serialType } from "./column-types.js";
import { defaultSql } from "./defaults.js";
import type { Dmmf, DmmfField, DmmfIndex, DmmfModel } from "./dmmf.js";
import { implicitManyToMany, type JoinTable } from "./many-to-many.js";
import { requiredExtensions } from "./required-extensions.js";
import { foreignKeyName, indexName, primaryKeyName, truncateBytes, uniqueIndexName } from "./names.js";
import type { SchemaText } from "./schema-text.js";

export interface DdlOptions {
  /** The datasource's `schemas` (multiSchema). */
  readonly schemas: readonly string[];
  /** `postgresqlExtensions` is on: the datasource's `extensions` are created. */
  readonly extensions: boolean;
  /**
   * The project's Prisma major version (6 when unknown). Before 6, an implicit many-to-many table
   * `_AToB` had a unique index `_AToB_AB_unique` where Prisma 6 gives it the primary key `_AToB_AB_pkey`.
   */
  readonly prismaMajor?: number;
}

/** One statement per entry, each preceded by Prisma's `-- CreateTable`-style comment. */
export function prismaDdl(dmmf: Dmmf, text: SchemaText, options: DdlOptions, dialect: Dialect): string[] {
  const ctx = new Context(dmmf, text, dialect);
  const { ident, literal } = quoting(dialect);
  const extensionSql = (e: SchemaText["extensions"][number]) => createExtension(e, dialect);
  const models = dmmf.models.filter((m) => !text.views.has(m.name));
  const joins = implicitManyToMany(models);
  const before6 = (options.prismaMajor ?? 6) < 6;
  return [
    ...options.schemas
      .filter((s) => s !== "public")
      .map((s) => `-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS ${ident(s)};`),
    ...(options.extensions
      ? text.extensions.map(extensionSql)
      : requiredExtensions(dmmf, text).map((name) => extensionSql({ name }))),
    ...dmmf.enums.map((e) => {
      const values = e.values.map((v) => literal(v.dbName ?? v.name)).join(", ");
      return `-- CreateEnum\nCREATE TYPE ${ctx.enumType(e.name)} AS ENUM (${values});`;
    }),
    ...models.map((m) => ctx.createTable(m)),
    ...joins.map((j) => ctx.createJoinTable(j, before6)),
    ...models.flatMap((m) => ctx.indexes(m)),
    ...joins.flatMap((j) => [
      ...(before6
        ? [
            `-- CreateIndex\nCREATE UNIQUE INDEX ${ident(truncateBytes(`${j.table}_AB_unique`))} ON ${ctx.joinTableName(j)}("A", "B");`,
          ]
        : []),
      `-- CreateIndex\nCREATE INDEX ${ident(truncateBytes(`${j.table}_B_index`))} ON ${ctx.joinTableName(j)}("B");`,
    ]),
    ...(text.emulatedRelations
      ? []
      : [...models.flatMap((m) => ctx.foreignKeys(m)), ...joins.flatMap((j) => ctx.joinForeignKeys(j))]),
  ];
}

/** The dialect's quoting as plain functions (for `map`). */
function quoting(dialect: Dialect) {
  return { ident: (name: string) => dialect.ident(name), literal: (value: string) => dialect.literal(value) };
}

function createExtension(e: SchemaText["extensions"][number], dialect: Dialect): string {
  const { ident, literal } = quoting(dialect);
  const schema = e.schema ? ` WITH SCHEMA ${ident(e.schema)}` : "";
  const version = e.version ? ` VERSION ${literal(e.version)}` : "";
  return `-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS ${ident(e.name)}${schema}${version};`;
}

const ACTIONS: Readonly<Record<string, string>> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

class Context {
  private readonly models: ReadonlyMap<string, DmmfModel>;
  private readonly ident: (name: string) => string;

  constructor(
    private readonly dmmf: Dmmf,
    private readonly text: SchemaText,
    private readonly dialect: Dialect,
  ) {
    this.models = new Map(dmmf.models.map((m) => [m.name, m]));
    this.ident = (name) => dialect.ident(name);
  }

  enumType(name: string): string {
    const e = this.dmmf.enums.find((x) => x.name === name);
    const schema = this.text.enumSchemas.get(name);
    const type = this.ident(e?.dbName ?? name);
    return schema ? `${this.ident(schema)}.${type}` : type;
  }

  tableName(model: DmmfModel): string {
    const table = this.ident(tableOf(model));
    return model.schema ? `${this.ident(model.schema)}.${table}` : table;
  }

  joinTableName(join: JoinTable): string {
    return join.schema ? `${this.ident(join.schema)}.${this.ident(join.table)}` : this.ident(join.table);
  }

  createTable(model: DmmfModel): string {
    const columns = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum").map((f) => this.column(f));
    const unsupported = (this.text.unsupported.get(model.name) ?? []).map((f) => {
      const type = f.isList ? `${f.type}[]` : f.type;
      return `    ${this.ident(f.column)} ${type}${f.isRequired ? " NOT NULL" : ""}${f.default ? ` DEFAULT ${f.default}` : ""}`;
    });
    const pk = this.indexesOf(model).find((i) => i.type === "id");
    const pkLine = pk
      ? [
          `    CONSTRAINT ${this.ident(pk.dbName ?? primaryKeyName(tableOf(model)))} PRIMARY KEY (${this.columns(
            model,
            pk,
          )
            .map(this.ident)
            .join(",")})`,
        ]
      : [];
    return `-- CreateTable\nCREATE TABLE ${this.tableName(model)} (\n${[...columns, ...unsupported, ...pkLine].join(",\n")}\n);`;
  }

  createJoinTable(join: JoinTable, uniqueIndex: boolean): string {
    const [a, b] = [join.a, join.b].map((m) => this.idColumnType(m));
    const columns = [`    "A" ${a} NOT NULL`, `    "B" ${b} NOT NULL`];
    if (!uniqueIndex)
      columns.push(`    CONSTRAINT ${this.ident(truncateBytes(`${join.table}_AB_pkey`))} PRIMARY KEY ("A","B")`);
    return `-- CreateTable\nCREATE TABLE ${this.joinTableName(join)} (\n${columns.join(",\n")}\n);`;
  }

  private column(field: DmmfField): string {
    const base = baseType(field, (name) => this.enumType(name));
    const type = field.isList ? `${base}[]` : isAutoincrement(field) ? serialType(base) : base;
    const enumValue = (value: string) =>
      this.dmmf.enums.find((e) => e.name === field.type)?.values.find((v) => v.name === value)?.dbName ?? value;
    const def = defaultSql(field, type, enumValue, this.dialect);
    const notNull = field.isRequired && !field.isList ? " NOT NULL" : "";
    return `    ${this.ident(columnOf(field))} ${type}${notNull}${def ? ` DEFAULT ${def}` : ""}`;
  }

  /** The type of a join table's column: that of the model's single-field id, as a plain type. */
  private idColumnType(model: DmmfModel): string {
    const id = this.indexesOf(model).find((i) => i.type === "id");
    const field = model.fields.find((f) => f.name === id?.fields[0]?.name);
    if (!field) throw new Error(`implicit many-to-many relation with ${model.name}, which has no single-field id`);
    return baseType(field, (name) => this.enumType(name));
  }

  private indexesOf(model: DmmfModel): DmmfIndex[] {
    return this.dmmf.indexes.filter((i) => i.model === model.name);
  }

  /** Column names of an index's fields (Unsupported fields, absent from the DMMF, by the text). */
  private columns(model: DmmfModel, index: DmmfIndex): string[] {
    return index.fields.map((f) => this.columnName(model, f.name));
  }

  private columnName(model: DmmfModel, field: string): string {
    const f = model.fields.find((x) => x.name === field);
    if (f) return columnOf(f);
    return this.text.unsupported.get(model.name)?.find((u) => u.name === field)?.column ?? field;
  }

  indexes(model: DmmfModel): string[] {
    const table = tableOf(model);
    return this.indexesOf(model)
      .filter((i) => i.type === "unique" || i.type === "normal")
      .map((i) => {
        const columns = this.columns(model, i);
        const unique = i.type === "unique";
        const name = i.dbName ?? (unique ? uniqueIndexName(table, columns) : indexName(table, columns));
        const using = i.algorithm && i.algorithm !== "BTree" ? ` USING ${i.algorithm.toUpperCase()} ` : "";
        const keys = i.fields.map((f, n) => {
          const ops = f.operatorClass ? ` ${operatorClass(f.operatorClass)}` : "";
          return `${this.ident(columns[n]!)}${ops}${f.sortOrder === "desc" ? " DESC" : ""}`;
        });
        return `-- CreateIndex\nCREATE ${unique ? "UNIQUE " : ""}INDEX ${this.ident(name)} ON ${this.tableName(model)}${using}(${keys.join(", ")});`;
      });
  }

  foreignKeys(model: DmmfModel): string[] {
    return model.fields
      .filter((f) => f.kind === "object" && f.relationFromFields?.length)
      .map((f) => {
        const target = this.models.get(f.type)!;
        const columns = f.relationFromFields!.map((c) => this.columnName(model, c));
        const refColumns = f.relationToFields!.map((c) => this.columnName(target, c));
        const name =
          this.text.foreignKeyNames.get(`${model.name}.${f.name}`) ?? foreignKeyName(tableOf(model), columns);
        // Prisma's default: RESTRICT when any key field is required (SET NULL could not null it).
        const keys = f.relationFromFields!.map((name) => model.fields.find((x) => x.name === name));
        const required = f.isRequired || keys.some((k) => k?.isRequired);
        const onDelete = ACTIONS[f.relationOnDelete ?? (required ? "Restrict" : "SetNull")];
        const onUpdate = ACTIONS[f.relationOnUpdate ?? "Cascade"];
        return (
          `-- AddForeignKey\nALTER TABLE ${this.tableName(model)} ADD CONSTRAINT ${this.ident(name)} FOREIGN KEY (${columns.map(this.ident).join(", ")}) ` +
          `REFERENCES ${this.tableName(target)}(${refColumns.map(this.ident).join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate};`
        );
      });
  }

  joinForeignKeys(join: JoinTable): string[] {
    return (["A", "B"] as const).map((side) => {
      const target = side === "A" ? join.a : join.b;
      const idColumn = this.columns(
        target,
        this.indexesOf(target).find((i) => i.type === "id")!,
      )[0]!;
      return (
        `-- AddForeignKey\nALTER TABLE ${this.joinTableName(join)} ADD CONSTRAINT ${this.ident(foreignKeyName(join.table, [side]))} ` +
        `FOREIGN KEY ("${side}") REFERENCES ${this.tableName(target)}(${this.ident(idColumn)}) ON DELETE CASCADE ON UPDATE CASCADE;`
      );
    });
  }
}

/**
 * PostgreSQL's name for a Prisma operator class: `JsonbPathOps` → `jsonb_path_ops`,
 * `Int4MinMaxMultiOps` → `int4_minmax_multi_ops`; `raw("…")` ones come through as written.
 */
export function operatorClass(prismaName: string): string {
  if (!/^[A-Z]/.test(prismaName)) return prismaName;
  return prismaName
    .replace("MinMax", "Minmax")
    .replace(/(Timestamp|Time|Var)(Tz|Bit)/, (_m, a: string, b: string) => a + b.toLowerCase())
    .replace(/(?<!^)([A-Z])/g, "_$1")
    .toLowerCase();
}

function tableOf(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

function columnOf(field: DmmfField): string {
  return field.dbName ?? field.name;
}
