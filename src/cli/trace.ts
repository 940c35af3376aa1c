import { Command, Option } from "commander";
import { currentPainter } from "../report/paint.js";
import { exitCodeOf } from "../schema/verdict.js";
import { FORMATS, renderFindings } from "./render-findings.js";
import type { TraceResult } from "../commands/trace.js";
import { loadConfig } from "./config.js";
import { type CommandContext, defaultCacheDir, dialectChoice, positiveInt, withDialectOptions } from "./common.js";

export function traceCommand({ setExit, stdout }: CommandContext): Command {
  return withDialectOptions(new Command("trace"))
    .description(
      "run migrations on a throwaway database and report the locks and rewrites each statement really caused",
    )
    .argument("<path>", "a migrations folder (its newest migration is traced) or one migration file")
    .option("--last <n>", "trace the newest N migrations of the folder, or 'all'")
    .option("--schema <source>", "the database before the folder's first migration (default: empty)")
    .option("--postgres-version <n>", "production PostgreSQL major version, for the rules that explain findings")
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("pretty"))
    .addOption(
      new Option("--fail-on <level>", "exit 1 on this verdict or worse").choices(["block", "warn"]).default("block"),
    )
    .option("--dev-url <url>", "PostgreSQL server for the throwaway database (default: embedded PGlite)")
    .option("--keep", "with --dev-url: keep the traced database on the server instead of dropping it", false)
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--config <file>", "configuration file")
    .addHelpText(
      "after",
      `
A folder holding no migration is exit 2 (nothing checked is never PASS); a .sql file whose name
the folder's format does not read is an unread-file warning.`,
    )
    .action(async (path: string, opts) => {
      const config = loadConfig(process.cwd(), opts.config);
      const last = opts.last === "all" ? "all" : positiveInt(opts.last, "--last");
      const { trace } = await import("../commands/trace.js");
      const result = await trace({
        path,
        last,
        schema: opts.schema,
        devUrl: opts.devUrl,
        cacheDir: opts.cacheDir ?? defaultCacheDir(),
        keep: opts.keep,
        ...dialectChoice(opts, config),
        postgresVersion: positiveInt(opts.postgresVersion, "--postgres-version") ?? config.postgresVersion,
      });
      stdout(
        opts.format === "json"
          ? `${JSON.stringify(result, null, 2)}\n`
          : ((await renderFindings(opts.format, result, "Lockstep trace")) ?? renderTrace(result)),
      );
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}

function renderTrace(result: TraceResult): string {
  const out: string[] = [];
  for (const s of result.statements) {
    out.push(`${s.file}:${s.line}  ${s.ms.toFixed(1)} ms  ${s.sql.split("\n")[0]!.slice(0, 100)}`);
    for (const l of s.locks) out.push(`    lock     ${l.mode.replace(/Lock$/, "")} on ${l.relation}`);
    for (const r of s.rewrites) out.push(`    rewrite  ${r}`);
  }
  if (result.findings.length) out.push("", "Findings");
  for (const f of result.findings) out.push(`  ${f.file}:${f.line}: ${f.severity} ${f.rule}: ${f.message}`);
  if (result.keptDatabase) out.push("", `Kept database: ${result.keptDatabase} (drop it when done)`);
  out.push("", `Verdict: ${currentPainter().verdict(result.verdict)}`);
  return `${out.join("\n")}\n`;
}
