import { Command, Option } from "commander";
import { exitCodeOf } from "../report/verdict.js";
import type { VerifyResult } from "../verify/folder.js";
import { type CommandContext, defaultCacheDir, positiveInt } from "./common.js";

export function verifyCommand({ setExit, stdout }: CommandContext): Command {
  return new Command("verify")
    .description("run each migration up, down and up again on a throwaway database; its down must undo its up")
    .argument("<dir>", "a migrations folder")
    .option("--last <n>", "verify only the newest N migrations (the earlier ones are replayed)")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .addOption(
      new Option("--fail-on <level>", "exit 1 on this verdict or worse").choices(["block", "warn"]).default("block"),
    )
    .option("--dev-url <url>", "PostgreSQL server for the throwaway database (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .action(async (dir: string, opts) => {
      const last = positiveInt(opts.last, "--last");
      const { verify } = await import("../verify/folder.js");
      const result = await verify({ dir, last, devUrl: opts.devUrl, cacheDir: opts.cacheDir ?? defaultCacheDir() });
      stdout(opts.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderVerify(result));
      setExit(exitCodeOf(result.verdict, opts.failOn));
    });
}

function renderVerify(result: VerifyResult): string {
  const out = result.migrations.map(
    (m) =>
      `${m.roundTrip === "equal" ? "ok  " : "FAIL"}  ${m.file}  up ${m.up}, down ${m.down}, round trip ${m.roundTrip}`,
  );
  if (result.findings.length) out.push("", "Findings");
  for (const f of result.findings)
    out.push(`  ${f.file}${f.line ? `:${f.line}` : ""}: ${f.severity} ${f.rule}: ${f.message}`);
  out.push("", `Verdict: ${result.verdict}`);
  return `${out.join("\n")}\n`;
}
