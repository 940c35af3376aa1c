/**
 * Finding a Prisma project's schema the way the Prisma CLI does (without `--schema`): `schema`
 * in `prisma.config.ts` (Prisma 6.x+, 7), the `prisma.schema` field of package.json (a file, or a
 * folder of `.prisma` files), then `prisma/schema.prisma`, `schema.prisma`, and the
 * `prisma/schema/` folder. The migrations folder is `migrations.path` of `prisma.config.ts`, else
 * `migrations` beside the file that holds the `datasource` block.
 *
 * `prisma.config.ts` is code: its `schema` and `migrations.path` are read only where they are
 * written as string literals (a text scan, not an evaluation); otherwise the defaults apply.
 *
 * The datasource provider is read with a line scan of the `datasource` block: enough to tell
 * PostgreSQL from other databases, not a parser (the Prisma model source in model/
 * reads the models).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { codeUnitCompare, isDir, isFile, listEntries, readSqlFile } from "../shared/files.js";
import { InputError } from "../../util/errors.js";
import type { DetectedDialect, Project } from "../detect.js";

export interface PrismaSchemaLocation {
  /** `schema.prisma`, or the folder of a multi-file schema. */
  readonly path: string;
  /** The file holding the `datasource` block, when one does. */
  readonly datasourceFile?: string;
  /** The datasource's `provider`, as written (`postgresql`, `mysql`, …). */
  readonly provider?: string;
  /** `migrations` beside the datasource file (or inside the schema folder). */
  readonly migrationsDir: string;
  /** How the schema was found, for messages. */
  readonly foundBy: string;
}

/** The `provider = "…"` of the first `datasource` block in a schema file's text, with its line. */
export function datasourceProvider(text: string): { provider: string; line: number } | undefined {
  let inBlock = false;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (/^datasource\s+\w+\s*\{/.test(line)) inBlock = true;
    else if (inBlock && line.startsWith("}")) inBlock = false;
    else if (inBlock) {
      const m = /^provider\s*=\s*"([^"]*)"/.exec(line);
      if (m) return { provider: m[1]!, line: i + 1 };
    }
  }
  return undefined;
}

/**
 * `.prisma` files under `dir` (migrations, node_modules and hidden folders left out), in name
 * order; a folder reached twice through symbolic links is read once.
 */
function schemaFiles(dir: string, seen = new Set<string>()): string[] {
  const real = fs.realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  return listEntries(dir)
    .sort((a, b) => codeUnitCompare(a.name, b.name))
    .flatMap((e) => {
      if (e.isDir) return SKIPPED.has(e.name) ? [] : schemaFiles(e.path, seen);
      return e.isFile && e.name.endsWith(".prisma") ? [e.path] : [];
    });
}

const SKIPPED = new Set(["migrations", "node_modules"]);

function locate(schema: string, foundBy: string): PrismaSchemaLocation {
  const files = isDir(schema) ? schemaFiles(schema) : [schema];
  for (const file of files) {
    const found = datasourceProvider(readSqlFile(file));
    if (found) {
      const migrationsDir = path.join(path.dirname(file), "migrations");
      return { path: schema, datasourceFile: file, provider: found.provider, migrationsDir, foundBy };
    }
  }
  const base = isDir(schema) ? schema : path.dirname(schema);
  return { path: schema, migrationsDir: path.join(base, "migrations"), foundBy };
}

/** package.json's `prisma.schema`, resolved against the folder; undefined when not set. */
function packageJsonSchema(root: string): string | undefined {
  const file = path.join(root, "package.json");
  if (!isFile(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, file);
  }
  const schema = (json as { prisma?: { schema?: unknown } } | null)?.prisma?.schema;
  if (schema === undefined) return undefined;
  if (typeof schema !== "string") throw new InputError("prisma.schema must be a path", file);
  const resolved = path.resolve(root, schema);
  if (!isFile(resolved) && !isDir(resolved))
    throw new InputError(`prisma.schema names ${schema}, which does not exist`, file);
  return resolved;
}

const CONFIG_FILES = ["ts", "mts", "cts", "js", "mjs", "cjs"].map((ext) => `prisma.config.${ext}`);

interface PrismaConfigPaths {
  readonly file: string;
  readonly schema?: string;
  readonly migrations?: string;
}

/** `schema` and `migrations.path` of the project's `prisma.config.*`, where string literals. */
function prismaConfig(root: string): PrismaConfigPaths | undefined {
  const name = [...CONFIG_FILES, ".config/prisma.ts"].find((f) => isFile(path.join(root, f)));
  if (!name) return undefined;
  const file = path.join(root, name);
  const text = readSqlFile(file);
  const literal = (pattern: RegExp) => {
    const value = pattern.exec(text)?.[2];
    return value === undefined ? undefined : path.resolve(path.dirname(file), value);
  };
  const schema = literal(/\bschema\s*:\s*(["'`])([^"'`\n]+)\1/);
  const migrations = literal(/\bmigrations\s*:\s*\{[^}]*?\bpath\s*:\s*(["'`])([^"'`\n]+)\1/);
  return { file, ...(schema ? { schema } : {}), ...(migrations ? { migrations } : {}) };
}

function defaultLocation(root: string): PrismaSchemaLocation | undefined {
  const configured = packageJsonSchema(root);
  if (configured) return locate(configured, "package.json prisma.schema");
  for (const candidate of ["prisma/schema.prisma", "schema.prisma"]) {
    const file = path.join(root, candidate);
    if (isFile(file)) return locate(file, candidate);
  }
  const folder = path.join(root, "prisma", "schema");
  if (isDir(folder) && schemaFiles(folder).length > 0) return locate(folder, "prisma/schema/");
  return undefined;
}

/** The Prisma schema of the project in `root`, or undefined when it has none. */
export function findPrismaSchema(root: string): PrismaSchemaLocation | undefined {
  const config = prismaConfig(root);
  if (config?.schema && !isFile(config.schema) && !isDir(config.schema))
    throw new InputError(`schema names ${path.relative(root, config.schema)}, which does not exist`, config.file);
  const found = config?.schema ? locate(config.schema, `${path.basename(config.file)} schema`) : defaultLocation(root);
  return found && config?.migrations ? { ...found, migrationsDir: config.migrations } : found;
}

/** Prisma's provider names Lockstep tells apart (`postgres` is read as `postgresql`). */
const PROVIDERS = new Set<DetectedDialect>(["postgresql", "mysql", "sqlite", "sqlserver", "cockroachdb", "mongodb"]);

function detectedDialect(provider: string | undefined): DetectedDialect {
  if (provider === "postgres") return "postgresql";
  return provider && PROVIDERS.has(provider as DetectedDialect) ? (provider as DetectedDialect) : "unknown";
}

/** The Prisma project in `root`: its schema, datasource provider and migrations folder; undefined without a schema. */
export function prismaProject(root: string): Project | undefined {
  const schema = findPrismaSchema(root);
  if (!schema) return undefined;
  const shown = (p: string) => path.relative(root, p) || ".";
  const dialect = detectedDialect(schema.provider);
  return {
    root,
    framework: "prisma",
    dialect,
    migrationsDir: schema.migrationsDir,
    format: "prisma",
    schemaFile: schema.path,
    ...(schema.datasourceFile ? { dialectSource: schema.datasourceFile } : {}),
    evidence: [
      `Prisma schema ${shown(schema.path)} (found by ${schema.foundBy})`,
      schema.datasourceFile
        ? `datasource provider "${schema.provider}" in ${shown(schema.datasourceFile)}`
        : "no datasource block: the database is unknown",
      `migrations in ${shown(schema.migrationsDir)}${isDir(schema.migrationsDir) ? "" : " (not created yet)"}`,
    ],
  };
}

/** Where `findPrismaSchema` looks, in order, as messages name it. */
export const PRISMA_PROJECT_FILES: readonly string[] = [
  "prisma.config.ts",
  "package.json prisma.schema",
  "prisma/schema.prisma",
  "schema.prisma",
  "prisma/schema/",
];
