import { Command, Option } from "commander";
import type { FormatName } from "../frameworks/framework.js";
import type { PlanResult } from "../plan/result.js";
import type { PlanAnswers } from "../plan/questions.js";
import type { Finding } from "../schema/finding.js";
import type { Prompt } from "./confirm.js";
import { exitCodeOf } from "../schema/verdict.js";
import { FORMATS } from "./render-findings.js";
import {
  type CommandContext,
  defaultCacheDir,
  dialectChoice,
  positiveInt,
  UsageError,
  withDialectOptions,
} from "./common.js";
import { loadConfig } from "./config.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/** The questions of a BLOCKed plan, asked at the terminal; the answers for one re-plan, or undefined. */
async function askInOneRound(
  result: PlanResult,
  request: { renames: string[]; notRenamed: string[]; backfills: string[]; allowBreaking: boolean },
  postgresVersion: number | undefined,
  dialectName: "postgres" | "sqlite" | undefined,
  prompt: Prompt,
  alsoDoes: string,
): Promise<PlanAnswers | undefined> {
  const [{ askPlanInputs }, { missingInputs }, { defaultPlanOptions }, { dialectOf }] = await Promise.all([
    import("./questions.js"),
    import("../plan/questions.js"),
    import("../plan/ops.js"),
    import("../commands/dialect-of.js"),
  ]);
  const options = {
    ...defaultPlanOptions,
    dialect: dialectOf({ dialect: dialectName }),
    ...(postgresVersion ? { postgresVersion } : {}),
  };
  const given = {
    renames: request.renames,
    notRenamed: request.notRenamed,
    backfills: request.backfills,
    allowBreaking: request.allowBreaking,
  };
  try {
    return await askPlanInputs(
      result.missing!,
      given,
      (answers) => missingInputs(result.from, result.to, answers, options),
      prompt,
      (text) => void process.stderr.write(text),
      alsoDoes,
    );
  } finally {
    prompt.close();
  }
}

/** The missing-input finding's fix as a command to run: the arguments given, plus the flags that answer it. */
function withCommandLine(f: Finding, argv: readonly string[], flags: readonly string[] | undefined): Finding {
  if (f.rule !== "missing-input" || !flags?.length) return f;
  const given = argv.map(shellWord);
  return { ...f, fix: ["lockstep", ...given, ...flags].join(" ") };
}

/** An argument as a shell reads it back: bare when safe, else in quotes. */
function shellWord(arg: string): string {
  if (/^[\w.,:=/@%+-]+$/.test(arg)) return arg;
  if (!/["$`\\!]/.test(arg)) return `"${arg}"`;
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

export function planCommand({ setExit, stdout, argv }: CommandContext): Command {
  return withDialectOptions(new Command("plan"))
    .description("plan a safe, reversible migration from the current schema to the desired one")
    .option(
      "--to <source>",
      "desired schema: a .sql file, a migrations folder, a postgres:// URL, or git:REF:PATH (default: the project's model)",
    )
    .option("--from <source>", "current schema, same kinds of source (default: the project's migrations, else empty)")
    .option(
      "--baseline <source>",
      "the model the existing migrations were made from: only what --to changed since it is planned, and what the database has beyond it stays (default in a project under git: the model at the newest migration's commit)",
    )
    .option("--no-baseline", "plan every difference between the migrations and the model, drift included")
    .option("--project <dir>", "detect the project in this folder (default: the current one, when --to is absent)")
    .option(
      "--name <name>",
      "base name of the migration files (default: from the changes); in a project, without it plan only previews",
    )
    .option("--out <dir>", "write the migration files into this folder (default in a project: its migrations)")
    .option(
      "--next",
      "write the next deploy of a plan kept in .lockstep/pending/ (once the one before is applied), after checking the migrations folder did not change since",
      false,
    )
    .addOption(
      new Option("--writer <format>", "file format (default: the project's or folder's, else sql)").choices([
        "sql",
        "dbmate",
        "golang-migrate",
        "flyway",
        "diesel",
        "prisma",
      ]),
    )
    .option(
      "--rename <spec>",
      "confirm a rename: table.old_column=new_column or old_table=new_table (repeatable)",
      collect,
      [],
    )
    .option(
      "--not-renamed <spec>",
      "say a dropped and an added column are not a rename: table.old=new (repeatable)",
      collect,
      [],
    )
    .option("--backfill <spec>", "value for existing rows: table.column=SQL_EXPRESSION (repeatable)", collect, [])
    .option(
      "--with-docs",
      "also write a migration guide (<timestamp>_<name>.guide.md): changes, steps, traced lock impact, rollback, monitoring",
      false,
    )
    .option(
      "--allow-breaking",
      "confirm breaking changes (drops, renames, narrowing); on a terminal, plan asks instead",
      false,
    )
    .option("--postgres-version <n>", "production PostgreSQL major version (default 14)")
    .option("--lock-timeout <duration>", "lock_timeout before statements that take heavy locks (default 2s)")
    .option("--batch-size <n>", "rows per backfill batch (default 1000)")
    .option("--dev-url <url>", "PostgreSQL server for throwaway databases (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--no-cache", "do not read or write the cache")
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("pretty"))
    .addOption(
      new Option("--fail-on <level>", "exit 1 on this verdict or worse").choices(["block", "warn"]).default("block"),
    )
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addHelpText(
      "after",
      `
Examples:
  lockstep plan                          # in a Prisma project: preview the change schema.prisma needs
  lockstep plan --name add_avatar        # ... and write it into prisma/migrations
  lockstep plan --project app --to desired.sql --name add_avatar
  lockstep plan --from db/schema.sql --to schema.sql
  lockstep plan --from db/migrations --to schema.sql --out db/migrations --name add_avatar
  lockstep plan --from git:main:schema.sql --to schema.sql --rename users.name=full_name --allow-breaking
  lockstep plan --from db/migrations --to schema.sql --backfill "users.role='member'" --allow-breaking

What the plan needs (renames, backfill values, confirmation) is asked in one round on a terminal;
elsewhere one missing-input finding gives the command with every flag that answers it. Confirmed
breaking statements are written with a marker lint and check accept:
  -- lockstep-confirm drop-column orders.note: confirmed at plan time (--allow-breaking)

One deploy at a time: a plan that spans deploys (expand → backfill → contract) writes only the first
deploy's migrations into the migrations folder, since runners apply every pending migration at once.
The later deploys are kept, verified, in .lockstep/pending/<name>/ at the project root (plan.json and
a README.md; commit them). Once a deploy is applied, \`lockstep plan --next\` writes the next one; it
BLOCKs, writing nothing, when the migrations folder no longer builds the schema the plan expects.
  lockstep plan --next                   # the next deploy of the plan kept in .lockstep/pending/
  lockstep plan --next --name rename_x   # when several plans are pending

Exit codes: 0 PASS or WARN (1 on WARN with --fail-on warn), 1 BLOCK, 2 bad usage or input.
Set LOCKSTEP_TIMINGS=1 to see where the time goes.`,
    )
    .action(async (opts) => {
      const cwd = process.cwd();
      const config = loadConfig(cwd, opts.config);
      const dialect = dialectChoice(opts, config);
      const version = positiveInt(opts.postgresVersion, "--postgres-version") ?? config.postgresVersion;
      // Loaded when the command runs: `lockstep lint` need not load the planner and its engines.
      const { plan } = await import("../commands/plan.js");
      const { renderPlanPretty } = await import("../report/pretty-plan.js");
      if (opts.next) {
        for (const flag of ["to", "from", "out", "baseline"] as const)
          if (typeof opts[flag] === "string")
            throw new UsageError(`--next writes the deploy kept in .lockstep/pending/: --${flag} does not apply`);
        const { planNext } = await import("../commands/plan-next.js");
        const next = await planNext({
          project: opts.project,
          cwd,
          name: opts.name,
          devUrl: opts.devUrl,
          cacheDir: opts.cache === false ? undefined : (opts.cacheDir ?? defaultCacheDir()),
        });
        const { renderPlan } = await import("./render-plan.js");
        stdout(await renderPlan(next, opts.format, `Lockstep plan --next: ${next.sources.to} → ${next.sources.from}`));
        setExit(exitCodeOf(next.verdict, opts.failOn));
        return;
      }
      const request = {
        from: opts.from,
        to: opts.to,
        ...(opts.baseline === false ? { baseline: false as const } : opts.baseline ? { baseline: opts.baseline } : {}),
        project: opts.project,
        migrations: config.migrations,
        cwd,
        renames: opts.rename,
        notRenamed: opts.notRenamed,
        backfills: opts.backfill,
        allowBreaking: opts.allowBreaking,
        postgresVersion: version,
        ...dialect,
        lockTimeout: opts.lockTimeout ?? config.lockTimeout,
        batchSize: positiveInt(opts.batchSize, "--batch-size") ?? config.batchSize,
        devUrl: opts.devUrl,
        cacheDir: opts.cache === false ? undefined : (opts.cacheDir ?? defaultCacheDir()),
        out: opts.out,
        writer: opts.writer as FormatName | undefined,
        name: opts.name,
        withDocs: opts.withDocs,
      };
      let result = await plan(request);
      const title = () =>
        `Lockstep plan: ${result.sources.from} → ${result.sources.to}` +
        (result.sources.baseline ? ` (changes since ${result.sources.baseline})` : "");
      // On a terminal, what the plan needs (renames, values, confirmation) is asked in one round, then planned once.
      if (result.verdict === "BLOCK" && result.missing && opts.format === "pretty") {
        const { canPrompt, openPrompt } = await import("./confirm.js");
        if (canPrompt()) {
          stdout(renderPlanPretty(result, title()));
          const writes = result.files.length === 0 && (opts.name || opts.out) ? " and write the files" : "";
          const answers = await askInOneRound(result, request, version, dialect.dialect, openPrompt(), writes);
          if (!answers) {
            setExit(exitCodeOf(result.verdict, opts.failOn));
            return;
          }
          result = await plan({ ...request, ...answers, confirmedBy: opts.allowBreaking ? "flags" : "prompt" });
        }
      }
      // Elsewhere, one BLOCK says every flag at once, on the command line as it was given.
      if (result.missing) {
        const { redactUrl } = await import("../engines/engine.js");
        const given = (argv ?? []).map((a) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(a) ? redactUrl(a) : a));
        const flags = result.missing.flags;
        result = { ...result, findings: result.findings.map((f) => withCommandLine(f, given, flags)) };
      }
      const { renderPlan } = await import("./render-plan.js");
      stdout(await renderPlan(result, opts.format, title()));
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}
