import { Command, Option } from "commander";
import { currentPainter } from "../report/paint.js";
import { exitCodeOf } from "../schema/verdict.js";
import { FORMATS, renderFindings } from "./render-findings.js";
import type { VerifyResult } from "../commands/verify.js";
import {
  type CommandContext,
  defaultCacheDir,
  dialectChoice,
  positiveInt,
  rowCount,
  verifyProgress,
  withDialectOptions,
} from "./common.js";
import { loadConfig } from "./config.js";

export function verifyCommand({ setExit, stdout, progress }: CommandContext): Command {
  return withDialectOptions(new Command("verify"))
    .description(
      "run each migration up, down and up again on a throwaway database, with seeded rows: its down must undo its up",
    )
    .argument("<dir>", "a migrations folder")
    .option("--last <n>", "verify only the newest N migrations (the earlier ones are replayed)")
    .option(
      "--since <git:REF>",
      "verify only the migrations added or changed since a git revision, e.g. git:origin/main",
    )
    .option("--rows <n>", "rows seeded into every table before each migration under test; 0 turns seeding off", "200")
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("pretty"))
    .addOption(
      new Option("--fail-on <level>", "exit 1 on this verdict or worse").choices(["block", "warn"]).default("block"),
    )
    .option("--dev-url <url>", "PostgreSQL server for the throwaway database (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addHelpText(
      "after",
      `
A folder holding no migration is exit 2 (nothing checked is never PASS); a .sql file whose name
the folder's format does not read is an unread-file warning.`,
    )
    .action(async (dir: string, opts) => {
      const config = loadConfig(process.cwd(), opts.config);
      const last = positiveInt(opts.last, "--last");
      const rows = rowCount(opts.rows);
      const { verify } = await import("../commands/verify.js");
      const { onProgress, done } = verifyProgress(progress, opts.format);
      const result = await verify({
        dir,
        last,
        since: opts.since,
        rows,
        ...dialectChoice(opts, config),
        devUrl: opts.devUrl,
        cacheDir: opts.cacheDir ?? defaultCacheDir(),
        ...(onProgress ? { onProgress } : {}),
      });
      done();
      stdout(
        opts.format === "json"
          ? `${JSON.stringify(result, null, 2)}\n`
          : ((await renderFindings(opts.format, result, "Lockstep verify")) ?? renderVerify(result)),
      );
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}

function renderVerify(result: VerifyResult): string {
  // A missing down where the format has none (Prisma) is a warning, not a failure.
  const blocked = (file: string) =>
    result.findings.some((f) => f.rule === "missing-down" && f.severity === "error" && f.file === file);
  const out = result.migrations.map((m) => {
    const paint = currentPainter();
    const status =
      m.roundTrip === "equal" || m.irreversible
        ? paint.tone("PASS", "ok  ")
        : m.down === "missing" && !blocked(m.file)
          ? paint.tone("WARN", "warn")
          : paint.tone("BLOCK", "FAIL");
    const times = [
      `up ${m.ms.up} ms`,
      m.ms.down !== undefined ? `down ${m.ms.down} ms` : "",
      m.ms.upAgain !== undefined ? `up again ${m.ms.upAgain} ms` : "",
    ];
    return `${status}  ${m.file}  up ${m.up}, down ${m.irreversible ? "irreversible" : m.down}, round trip ${m.roundTrip}  (${times.filter(Boolean).join(", ")})`;
  });
  const slow = result.migrations
    .flatMap((m) => m.statements)
    .filter((s) => s.ms >= 100)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  if (slow.length) out.push("", "Slowest statements");
  for (const s of slow) out.push(`  ${s.file}:${s.line}  ${s.ms.toFixed(1)} ms  ${s.sql.split("\n")[0]!.slice(0, 80)}`);
  const { seed } = result;
  out.push("", seed.rows ? `Seeded ${seed.rows} rows into ${seed.tables} tables` : "Seeding off (--rows 0)");
  for (const s of seed.skipped) out.push(`  ${s.table} left empty: ${s.reason}`);
  if (result.findings.length) out.push("", "Findings");
  for (const f of result.findings)
    out.push(`  ${f.file}${f.line ? `:${f.line}` : ""}: ${f.severity} ${f.rule}: ${f.message}`);
  out.push("", `Verdict: ${currentPainter().verdict(result.verdict)}`);
  return `${out.join("\n")}\n`;
}
