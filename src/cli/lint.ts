import { Command, Option } from "commander";
import { exitCodeOf } from "../schema/verdict.js";
import { loadConfig } from "./config.js";
import {
  type CommandContext,
  defaultCacheDir,
  dialectChoice,
  positiveInt,
  UsageError,
  withDialectOptions,
} from "./common.js";

export function lintCommand({ setExit, stdout }: CommandContext): Command {
  return withDialectOptions(new Command("lint"))
    .description("check migrations written by hand for locks, rewrites and breaking changes, without running them")
    .argument("<paths...>", "migration files or folders (linted in order; earlier ones are context)")
    .option(
      "--schema <source>",
      "the database before the migrations: a .sql file (a dbmate file: its up), a migrations folder or a postgres:// URL",
    )
    .option("--postgres-version <n>", "production PostgreSQL major version (default 14)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["pretty", "json", "sarif", "github", "markdown"])
        .default("pretty"),
    )
    .addOption(
      new Option("--fail-on <level>", "exit 1 on this verdict or worse").choices(["block", "warn"]).default("block"),
    )
    .option("--dev-url <url>", "PostgreSQL server to build --schema on (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addHelpText(
      "after",
      `
Suppress a finding with a comment above the statement, with a reason:
  -- lockstep-ignore drop-column: unused since v2
  -- lockstep-ignore-file require-lock-timeout: runs in a maintenance window

Accept a breaking statement as it is (plan writes these for what it was confirmed for):
  -- lockstep-confirm <rule> <object>: <reason>
  -- lockstep-confirm drop-column orders.note: confirmed at plan time (--allow-breaking)
The finding stays, as info marked confirmed; the marker must name its rule and object.

A folder holding no migration is exit 2 (nothing checked is never PASS); a .sql file whose name
the folder's format does not read is an unread-file warning.

Exit codes: 0 PASS or WARN (1 on WARN with --fail-on warn), 1 BLOCK, 2 bad usage or input.`,
    )
    .action(async (paths: string[], opts) => {
      const cwd = process.cwd();
      const config = loadConfig(cwd, opts.config);
      const dialect = dialectChoice(opts, config);
      const version = positiveInt(opts.postgresVersion, "--postgres-version") ?? config.postgresVersion;
      const ignored = (p: string) => (config.ignore ?? []).some((prefix) => p.startsWith(prefix));
      const { lint } = await import("../commands/lint.js");
      const { renderLint } = await import("./render-lint.js");
      const kept = paths.filter((p) => !ignored(p));
      if (kept.length === 0)
        throw new UsageError(
          `${paths.join(", ")}: nothing to lint, every path is under the configuration's ignore (${(config.ignore ?? []).join(", ")})`,
        );
      const result = await lint({
        paths: kept,
        schema: opts.schema,
        cwd,
        postgresVersion: version,
        ...dialect,
        severities: config.rules,
        devUrl: opts.devUrl,
        cacheDir: opts.cacheDir ?? defaultCacheDir(),
      });
      stdout(await renderLint(result, opts.format));
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}
