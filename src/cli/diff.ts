import { Command, Option } from "commander";
import { exitCodeOf } from "../schema/verdict.js";
import { type CommandContext, defaultCacheDir, dialectChoice, positiveInt, withDialectOptions } from "./common.js";
import { loadConfig } from "./config.js";

const collect = (value: string, previous: string[]) => [...previous, value];

export function diffCommand({ setExit, stdout }: CommandContext): Command {
  return withDialectOptions(new Command("diff"))
    .description("print the changes from one schema to another, each with its risk and reasons, without planning")
    .option(
      "--to <source>",
      "desired schema: a .sql file, a migrations folder, a Prisma schema, a postgres:// URL, or git:REF:PATH (default: the project's model)",
    )
    .option("--from <source>", "current schema, same kinds of source (default: the project's migrations, else empty)")
    .option("--project <dir>", "detect the project in this folder (default: the current one, when --to is absent)")
    .option(
      "--rename <spec>",
      "diff as a rename: table.old_column=new_column or old_table=new_table (repeatable)",
      collect,
      [],
    )
    .option(
      "--not-renamed <spec>",
      "say a dropped and an added column are not a rename: table.old=new (repeatable)",
      collect,
      [],
    )
    .option("--postgres-version <n>", "production PostgreSQL major version: what is safe depends on it (default 14)")
    .option("--dev-url <url>", "PostgreSQL server for throwaway databases (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--no-cache", "do not read or write the cache")
    .addOption(
      new Option("--format <format>", "output format").choices(["pretty", "json", "markdown"]).default("pretty"),
    )
    .addOption(
      new Option("--fail-on <level>", "exit 1 on this verdict or worse").choices(["block", "warn"]).default("block"),
    )
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addHelpText(
      "after",
      `
Both schemas are built on a throwaway database and diffed as plan does; each change is classified
safe, risky or breaking by the planner, with its reasons. No steps are planned, nothing is written.
In a project, without --to: its migrations against its model, every difference shown (no baseline).

Examples:
  lockstep diff                          # in a project: the migrations against the model
  lockstep diff --from db/migrations --to schema.sql
  lockstep diff --from git:main:schema.sql --to schema.sql --format json
  lockstep diff --from postgres://prod-replica/app --to schema.sql --rename users.name=full_name

Verdict: PASS when every change is safe (or there is none), WARN when one is risky, BLOCK when one
is breaking. Exit codes: 0 PASS or WARN (1 on WARN with --fail-on warn), 1 BLOCK, 2 bad usage or input.`,
    )
    .action(async (opts) => {
      const cwd = process.cwd();
      const config = loadConfig(cwd, opts.config);
      const { diffSources } = await import("../commands/diff.js");
      const result = await diffSources({
        from: opts.from,
        to: opts.to,
        project: opts.project,
        migrations: config.migrations,
        cwd,
        renames: opts.rename,
        notRenamed: opts.notRenamed,
        postgresVersion: positiveInt(opts.postgresVersion, "--postgres-version") ?? config.postgresVersion,
        ...dialectChoice(opts, config),
        devUrl: opts.devUrl,
        cacheDir: opts.cache === false ? undefined : (opts.cacheDir ?? defaultCacheDir()),
      });
      const title = `Lockstep diff: ${result.sources.from} → ${result.sources.to}`;
      if (opts.format === "json") {
        const { diff: _d, from: _f, to: _t, ...contract } = result;
        stdout(`${JSON.stringify(contract, null, 2)}\n`);
      } else {
        const { renderDiffMarkdown, renderDiffPretty } = await import("../report/diff-report.js");
        stdout(opts.format === "markdown" ? renderDiffMarkdown(result, title) : renderDiffPretty(result, title));
      }
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}
