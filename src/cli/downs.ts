import { resolve } from "node:path";
import { Command, Option } from "commander";
import type { DownsResult } from "../commands/downs.js";
import { exitCodeOf } from "../schema/verdict.js";
import {
  type CommandContext,
  defaultCacheDir,
  dialectChoice,
  positiveInt,
  rowCount,
  withDialectOptions,
} from "./common.js";
import { loadConfig } from "./config.js";
import { FORMATS, renderFindings } from "./render-findings.js";

export function downsCommand({ setExit, stdout }: CommandContext): Command {
  return withDialectOptions(new Command("downs"))
    .description(
      "compute the missing downs of an existing history from the schema before and after each migration, verify them, and write them with --write",
    )
    .argument(
      "[dir]",
      "the migrations folder, or a project folder whose migrations folder is detected as plan and check detect it",
      ".",
    )
    .option("--write", "write the verified downs beside their migrations (never over an existing file)", false)
    .option("--strict", "exit 1 when a down loses data or could not be made", false)
    .option("--rows <n>", "rows seeded into every table before each round trip; 0 turns seeding off", "200")
    .option("--postgres-version <n>", "production PostgreSQL major version (default 14)")
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("pretty"))
    .option("--dev-url <url>", "PostgreSQL server for the throwaway database (default: embedded PGlite)")
    .option("--cache-dir <dir>", "cache folder (default: $LOCKSTEP_CACHE_DIR or ~/.cache/lockstep)")
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addHelpText(
      "after",
      `
Where a down goes: Prisma down.sql in the migration's folder; plain SQL <name>.down.sql (or down/<name>);
golang-migrate <version>_<title>.down.sql; diesel down.sql; Flyway U<version>__<description>.sql. dbmate
keeps the down in the migration's own file: Lockstep never rewrites it and prints the down to paste.

Examples:
  lockstep downs                                  preview the downs of the project here
  lockstep downs prisma/migrations --write        write a verified down.sql beside each migration
  lockstep downs db/migrations --strict --format json

Exit codes: 0 (also with data loss or downs it could not make: the summary names them), 1 with
--strict when a down loses data or could not be made, 2 bad usage or input (no migration found).`,
    )
    .action(async (dir: string, opts) => {
      const cwd = process.cwd();
      const config = loadConfig(cwd, opts.config);
      // A migrations folder, or a project folder whose migrations folder is found as plan finds it.
      const target = resolve(cwd, dir);
      const { detectFormat } = await import("../frameworks/index.js");
      let folder = target;
      if (!detectFormat(target).detect(target)) {
        const { detectProject } = await import("../frameworks/detect.js");
        folder = detectProject(target, { migrations: config.migrations })?.migrationsDir ?? target;
      }
      const { downs } = await import("../commands/downs.js");
      const result = await downs({
        dir: folder,
        cwd,
        write: opts.write,
        strict: opts.strict,
        rows: rowCount(opts.rows),
        ...dialectChoice(opts, config),
        devUrl: opts.devUrl,
        cacheDir: opts.cacheDir ?? defaultCacheDir(),
        plan: {
          postgresVersion: positiveInt(opts.postgresVersion, "--postgres-version") ?? config.postgresVersion,
          ...(config.lockTimeout ? { lockTimeout: config.lockTimeout } : {}),
        },
      });
      stdout(
        opts.format === "json"
          ? `${JSON.stringify(result, null, 2)}\n`
          : ((await renderFindings(opts.format, result, "Lockstep downs")) ?? renderDowns(result, opts.write)),
      );
      setExit(exitCodeOf(result.verdict));
    });
}

const LABEL = {
  written: "written     ",
  "would-write": "would write ",
  exists: "exists      ",
  irreversible: "irreversible",
  "not-writable": "not written ",
  failed: "FAILED      ",
} as const;

/** One line a migration, the downs to write (a preview), then the summary and the verdict. */
export function renderDowns(result: DownsResult, wrote: boolean): string {
  const out: string[] = [];
  for (const d of result.downs) {
    const where = d.file ?? d.migration;
    const notes = [
      d.verified ? "verified: up, down, up" : "",
      d.dataLoss?.length ? `data loss: ${d.dataLoss.join("; ")}` : "",
      d.reason ?? "",
    ].filter(Boolean);
    out.push(`${LABEL[d.status]}  ${where}${notes.length ? `  (${notes.join("; ")})` : ""}`);
  }
  const shown = result.downs.filter((d) => d.status === "would-write" || d.status === "not-writable");
  for (const d of shown) out.push("", `--- ${d.file ?? `${d.migration} (under -- migrate:down)`}`, d.sql.trimEnd());
  const count = (s: string) => result.downs.filter((d) => d.status === s).length;
  const lossy = result.downs.filter((d) => d.dataLoss?.length);
  const failed = result.downs.filter((d) => d.status === "failed" || d.status === "not-writable");
  out.push(
    "",
    "Summary",
    `  ${wrote ? `written: ${count("written")}` : `would write: ${count("would-write")} (preview: pass --write)`}`,
    `  verified: ${result.downs.filter((d) => d.verified).length}`,
    `  already there: ${count("exists")}${count("irreversible") ? `, marked irreversible: ${count("irreversible")}` : ""}`,
    `  could not reverse: ${new Set([...lossy, ...failed]).size || "nothing"}`,
  );
  for (const d of lossy) out.push(`    ${d.migration}: data loss: ${d.dataLoss!.join("; ")}`);
  for (const d of failed)
    out.push(`    ${d.migration}: no down ${d.status === "failed" ? "made" : "written"}: ${d.reason}`);
  out.push("", `Verdict: ${result.verdict}`);
  return `${out.join("\n")}\n`;
}
