import { Command, Option } from "commander";
import { type CommandContext, defaultCacheDir, dialectChoice, withDialectOptions } from "./common.js";
import { loadConfig } from "./config.js";

export function inspectCommand({ stdout }: CommandContext): Command {
  return withDialectOptions(new Command("inspect"))
    .description("print the schema a source builds: tables, columns, constraints, indexes, enums, sequences")
    .argument("<source>", "a .sql file, a migrations folder, a Prisma schema, a postgres:// URL, or git:REF:PATH")
    .option("--dev-url <url>", "PostgreSQL server for the throwaway database (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--no-cache", "do not read or write the cache")
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .addHelpText(
      "after",
      `
The source is built on a throwaway database (a migrations folder replayed in order, a schema file
executed, a Prisma schema turned into the SQL Prisma Migrate writes) and read back from the catalog:
what plan, lint --schema and check compare. A database URL is read, never written.

Examples:
  lockstep inspect db/migrations
  lockstep inspect prisma/schema.prisma --format json
  lockstep inspect git:main:schema.sql

Exit codes: 0 read, 2 bad input (the message names file, line and column).`,
    )
    .action(async (spec: string, opts) => {
      // Inspect takes nothing from the configuration yet, but a broken one is still an error here.
      const config = loadConfig(process.cwd(), opts.config);
      const { readSchema } = await import("../sources/read-schema.js");
      const { dialectOf } = await import("../commands/dialect-of.js");
      const { schema, label } = await readSchema(spec, dialectOf(dialectChoice(opts, config)), {
        cwd: process.cwd(),
        devUrl: opts.devUrl,
        cacheDir: opts.cache === false ? undefined : (opts.cacheDir ?? defaultCacheDir()),
      });
      if (opts.format === "json") return stdout(`${JSON.stringify({ source: label, schema }, null, 2)}\n`);
      const { renderSchema } = await import("../report/schema-pretty.js");
      stdout(renderSchema(schema, label));
    });
}
