/**
 * A Prisma schema as a source: `schema.prisma` (or a multi-file `prisma/schema/` folder) becomes
 * the DDL that Prisma Migrate would write for it, so the schema Lockstep builds is the one
 * `prisma migrate dev` would build.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { readSqlFile } from "../../shared/files.js";
import type { Dialect, DialectName } from "../../../dialects/dialect.js";
import { datasourceProvider } from "../project.js";
import { InputError, relabel } from "../../../util/errors.js";
import type { Source } from "../../../sources/index.js";
import type { Schema } from "../../../schema/model.js";
import { alignToDatabase } from "./align.js";
import { prismaDdl } from "./ddl.js";
import { dialectOfProvider } from "../migrations.js";
import { prismaSqliteDdl } from "./sqlite-ddl.js";
import { prismaMajorFor } from "./version.js";
import { readSchemaText } from "./schema-text.js";
import { readConfig, readDmmf, type SchemaFile } from "./wasm.js";

export { lineColumn, type SchemaFile } from "./wasm.js";

/** Bump when the generated DDL changes, so cached builds of a schema are not reused. */
const DDL_VERSION = "prisma-ddl-2";

/** A `.prisma` file, or a folder holding `.prisma` files (Prisma's multi-file schema). */
export function isPrismaSchema(path: string): boolean {
  const stat = statOrUndefined(path);
  if (stat?.isFile()) return path.endsWith(".prisma");
  if (!stat?.isDirectory()) return false;
  return prismaFilesIn(path).length > 0;
}

/** The schema's files, named for messages under `label` (the path as the user gave it). */
export function readPrismaSchemaFiles(path: string, label = path): SchemaFile[] {
  if (!statOrUndefined(path)?.isDirectory()) return [[label, read(path, label)]];
  const files = prismaFilesIn(path).map((f): SchemaFile => {
    const name = join(label, relative(path, f));
    return [name, read(f, name)];
  });
  if (!files.length) throw new InputError("no .prisma files in the folder", label);
  return files;
}

export interface CompiledPrismaSchema {
  /** The PostgreSQL DDL Prisma Migrate would write for the schema, from an empty database. */
  readonly ddl: string;
  /** The schema that DDL builds, as Prisma means it for an existing database (see align.ts). */
  align(current: Schema, desired: Schema): Schema;
}

/** The PostgreSQL DDL Prisma Migrate would write for the schema, from an empty database. */
export function prismaSchemaDdl(files: readonly SchemaFile[], dialect: Dialect): string {
  return compilePrismaSchema(files, dialect).ddl;
}

export function compilePrismaSchema(
  files: readonly SchemaFile[],
  dialect: Dialect,
  options: { prismaMajor?: number } = {},
): CompiledPrismaSchema {
  const config = readConfig(files);
  const datasource = config.datasources[0];
  if (!datasource) throw new InputError("the Prisma schema has no datasource block", files[0]?.[0]);
  const spoken = dialectOfProvider(datasource.provider);
  if (spoken !== dialect.name) {
    const hint = spoken ? ` (pass --dialect ${spoken})` : "";
    const expected = dialect.name === "sqlite" ? "sqlite" : "postgresql";
    throw new InputError(
      `the Prisma datasource provider is "${datasource.provider}"; Lockstep reads ${dialect.name === "sqlite" ? "SQLite" : "PostgreSQL"} schemas here (provider = "${expected}")${hint}`,
      datasource.sourceFilePath,
    );
  }
  const dmmf = readDmmf(files);
  if (spoken === "sqlite") {
    const statements = prismaSqliteDdl(dmmf, readSchemaText(files), dialect);
    return {
      ddl: statements.join("\n\n") + "\n",
      align: (current, desired) =>
        alignToDatabase(current, desired, { managesExtensions: false, indexColumns: (i) => dialect.indexColumns(i) }),
    };
  }
  const managesExtensions = config.previewFeatures.includes("postgresqlExtensions");
  const statements = prismaDdl(
    dmmf,
    readSchemaText(files),
    { schemas: datasource.schemas, extensions: managesExtensions, ...options },
    dialect,
  );
  return {
    ddl: statements.join("\n\n") + "\n",
    align: (current, desired) =>
      alignToDatabase(current, desired, { managesExtensions, indexColumns: (i) => dialect.indexColumns(i) }),
  };
}

/** The dialect of the schema's datasource provider (`sqlite` → SQLite); undefined when unreadable or another database. */
export function prismaSchemaDialect(path: string): DialectName | undefined {
  try {
    for (const [, text] of readPrismaSchemaFiles(path)) {
      const found = datasourceProvider(text);
      if (found) return dialectOfProvider(found.provider);
    }
  } catch {
    // Unreadable: the source itself reports it, located.
  }
  return undefined;
}

/** A Prisma schema file or folder as a source: one unit of generated DDL, located at the schema. */
export function prismaSchemaSource(path: string, label: string, dialect: Dialect): Source {
  const files = readPrismaSchemaFiles(path, label);
  const prismaMajor = prismaMajorFor(path);
  const compiled = compilePrismaSchema(files, dialect, prismaMajor === undefined ? {} : { prismaMajor });
  const h = createHash("sha256").update(`${DDL_VERSION}:${prismaMajor ?? ""}`);
  for (const [name, content] of files) h.update(`${name.length}:${name}${content.length}:${content}`);
  return {
    label,
    cacheKey: h.digest("hex"),
    units: [{ text: compiled.ddl, origin: { file: label }, mode: "grouped" }],
    alignTo: compiled.align,
  };
}

function read(file: string, label: string): string {
  try {
    return readSqlFile(file);
  } catch (err) {
    throw relabel(err, label);
  }
}

/** `.prisma` files under the folder, in name order (as Prisma reads a schema folder). */
function prismaFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".prisma") && !n.split(/[\\/]/).some((part) => part.startsWith(".")))
    .sort()
    .map((n) => join(dir, n))
    .filter((f) => statOrUndefined(f)?.isFile());
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
