import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { Command, Option } from "commander";
import { exitCodeOf } from "../schema/verdict.js";
import {
  type CommandContext,
  defaultCacheDir,
  dialectChoice,
  positiveInt,
  rowCount,
  UsageError,
  verifyProgress,
  withDialectOptions,
} from "./common.js";
import { loadConfig } from "./config.js";

export function checkCommand({ setExit, stdout, progress }: CommandContext): Command {
  return withDialectOptions(new Command("check"))
    .description("the whole gate on a project: drift, lint, verify, index recommendations, checklist, verdict")
    .argument("[dir]", "the project folder", ".")
    .option("--migrations <dir>", "the migrations folder (default: detected, as plan detects it)")
    .option(
      "--schema <source>",
      "the desired schema: a model or schema file (default: the project's model, else schema.sql when present)",
    )
    .option(
      "--last <n>",
      "migrations under test (lint and verify): the newest N (default: those added since the merge-base with the default branch, else the newest)",
    )
    .option(
      "--base <ref>",
      "migrations under test: those added or changed since the merge-base with this branch or revision (default: origin/HEAD, else main, else master)",
    )
    .option("--rows <n>", "rows seeded into every table before each migration under test (default 200; 0: none)")
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

Migrations under test: those added or changed since the merge-base with the default branch
(origin/HEAD, else main, else master), committed or not; the newest one when there is no git, no
default branch, or nothing added. The report names each, and the selection used. Deploys a plan
keeps in .lockstep/pending/ are reported (info; a warning when the folder changed since) and the
drift is planned after them.

Examples:
  lockstep check examples/shop
  lockstep check . --format markdown > review.md
  lockstep check --migrations db/migrations --schema db/schema.sql --last 3 --format sarif
  lockstep check --base origin/release --format github

Files are named from the current folder in every format (SARIF uris from the repository root),
so annotations land on the right files when the project sits in a subfolder of the repository.

Exit codes: 0 PASS or WARN (1 on WARN with --fail-on warn), 1 BLOCK, 2 bad usage or input.`,
    )
    .action(async (dir: string, opts) => {
      // Paths in every format are relative to the current folder (annotations land in a monorepo);
      // the project folder is only where detection looks and where --schema is read from.
      const cwd = process.cwd();
      const root = resolve(cwd, dir);
      const config = loadConfig(root, opts.config);
      const { detectProject } = await import("../frameworks/detect.js");
      const project = detectProject(root, { migrations: opts.migrations ?? config.migrations });
      if (!project) throw new UsageError(`${dir}: no migrations folder found; pass --migrations <dir>`);
      // The flag (or configuration) names the dialect; else the one detected.
      const choice = dialectChoice(opts, config);
      const detected =
        project.dialect === "postgresql" ? "postgres" : project.dialect === "sqlite" ? "sqlite" : undefined;
      if (!choice.dialect && !detected)
        throw new UsageError(`${dir}: a ${project.dialect} project; check supports PostgreSQL and SQLite for now`);
      const dialect = { ...choice, dialect: choice.dialect ?? detected };
      // The desired schema: the model the project declares, else its declarative schema.sql.
      // A --schema file is read from the project folder; a URL or git:REF:PATH is passed on as given.
      const schemaFile = opts.schema
        ? existsSync(resolve(root, opts.schema))
          ? resolve(root, opts.schema)
          : undefined
        : project.schemaFile;
      const schema = schemaFile ? relative(cwd, schemaFile) || schemaFile : opts.schema;
      const { onProgress, done } = verifyProgress(progress, opts.format);
      const { check } = await import("../commands/check.js");
      const { renderCheck } = await import("./render-check.js");
      const result = await check({
        migrations: relative(cwd, project.migrationsDir) || ".",
        schema,
        framework: project.framework,
        cwd,
        root: project.root,
        last: positiveInt(opts.last, "--last"),
        base: opts.base,
        rows: rowCount(opts.rows),
        ...(onProgress ? { onProgress } : {}),
        changelog: opts.changelog,
        allowBreaking: opts.allowBreaking,
        postgresVersion: positiveInt(opts.postgresVersion, "--postgres-version") ?? config.postgresVersion,
        severities: config.rules,
        ...dialect,
        lockTimeout: config.lockTimeout,
        batchSize: config.batchSize,
        devUrl: opts.devUrl,
        cacheDir: opts.cache === false ? undefined : (opts.cacheDir ?? defaultCacheDir()),
      });
      done();
      stdout(await renderCheck(result, opts.format));
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}
