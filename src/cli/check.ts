import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command, Option } from "commander";
import { exitCodeOf } from "../report/verdict.js";
import { type CommandContext, defaultCacheDir, positiveInt, UsageError } from "./common.js";
import { loadConfig } from "./config.js";

/** Where a project keeps its migrations when the configuration does not say (first found wins). */
const MIGRATION_FOLDERS = ["db/migrations", "migrations", "prisma/migrations", "migrate"];

export function checkCommand({ setExit, stdout }: CommandContext): Command {
  return new Command("check")
    .description("the whole gate on a project: drift, lint, verify, index recommendations, checklist, verdict")
    .argument("[dir]", "the project folder", ".")
    .option("--migrations <dir>", "the migrations folder (default: detected)")
    .option("--schema <source>", "the desired schema: a model or schema file (default: schema.sql when present)")
    .option("--last <n>", "migrations under test (lint and verify): the newest N (default 1)")
    .option("--changelog <file>", "append what the migrations under test change to this schema changelog")
    .option("--allow-breaking", "confirm the breaking changes in the drift", false)
    .option("--postgres-version <n>", "production PostgreSQL major version (default 14)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["pretty", "json", "markdown", "sarif", "github"])
        .default("pretty"),
    )
    .addOption(
      new Option("--fail-on <level>", "exit 1 on this verdict or worse").choices(["block", "warn"]).default("block"),
    )
    .option("--dev-url <url>", "PostgreSQL server for throwaway databases (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--no-cache", "do not read or write the cache")
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addHelpText(
      "after",
      `
Sections: schema changes, breaking changes requiring confirmation, checked files, index
recommendations, query safety, deployment sequence, rollback, pre-deploy checklist, verdict.

Examples:
  lockstep check examples/shop
  lockstep check . --format markdown > review.md
  lockstep check --migrations db/migrations --schema db/schema.sql --last 3 --format sarif

Exit codes: 0 PASS or WARN (1 on WARN with --fail-on warn), 1 BLOCK, 2 bad usage or input.`,
    )
    .action(async (dir: string, opts) => {
      const root = resolve(process.cwd(), dir);
      const config = loadConfig(root, opts.config);
      const migrations =
        opts.migrations ?? config.migrations ?? MIGRATION_FOLDERS.find((f) => existsSync(join(root, f)));
      if (!migrations) throw new UsageError(`${dir}: no migrations folder found; pass --migrations <dir>`);
      const schema = opts.schema ?? (existsSync(join(root, "schema.sql")) ? "schema.sql" : undefined);
      const { check } = await import("../check/index.js");
      const { renderCheck } = await import("./render-check.js");
      const result = await check({
        migrations,
        schema,
        cwd: root,
        last: positiveInt(opts.last, "--last"),
        changelog: opts.changelog,
        allowBreaking: opts.allowBreaking,
        postgresVersion: positiveInt(opts.postgresVersion, "--postgres-version") ?? config.postgresVersion,
        severities: config.rules,
        lockTimeout: config.lockTimeout,
        batchSize: config.batchSize,
        devUrl: opts.devUrl,
        cacheDir: opts.cache === false ? undefined : (opts.cacheDir ?? defaultCacheDir()),
      });
      stdout(await renderCheck(result, opts.format));
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}
