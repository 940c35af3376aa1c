import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { main } from "../src/cli/main.js";
import { executeSql } from "../src/sources/execute.js";
import { introspect } from "../src/dialects/postgres/introspect.js";
import { initParser } from "../src/dialects/postgres/parse.js";
import { postgres } from "../src/dialects/postgres/index.js";
import type { Database } from "../src/engines/engine.js";
import type { Step } from "../src/plan/model.js";
import { selfCheck } from "../src/verify/self-check.js";

/** One PGlite template cache for the whole suite: the engine starts from it in under a second. */
export const TEST_CACHE = join(tmpdir(), "lockstep-test-cache");

/** The PostgreSQL server for server-backed suites (set by .ci/run); they skip without it. */
export const SERVER_URL = process.env.LOCKSTEP_TEST_PG_URL;
if (!SERVER_URL && !process.env.LOCKSTEP_QUIET_SKIPS)
  console.warn("LOCKSTEP_TEST_PG_URL is not set: PostgreSQL-server suites are skipped (PGlite suites run).");

/** ../shared/conformance beside the project root; absent in a user's own clone. */
export const CONFORMANCE = resolve(import.meta.dirname, "../../shared/conformance");
export const HAS_CONFORMANCE = existsSync(CONFORMANCE);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (the engine stays up between runs). */
export async function runCli(args: readonly string[], cwd?: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(args, {
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      keepEngine: true,
    });
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(previous);
  }
}

export function tempDir(prefix = "lockstep-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A new temporary folder holding these files (paths relative to it, folders made as needed). */
export function folderOf(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/**
 * The conformance round trip: `before` then every step up gives the schema of `after` alone;
 * every down in reverse gives the schema of `before` again. Returns the problems found.
 */
export async function roundTrip(
  db: Database,
  beforeSql: string,
  afterSql: string,
  steps: readonly Step[],
): Promise<string[]> {
  await initParser();
  await db.reset();
  await executeSql(db, afterSql, { file: "after.sql" }, false, postgres);
  const to = await introspect(db);
  await db.reset();
  await executeSql(db, beforeSql, { file: "before.sql" }, false, postgres);
  const from = await introspect(db);
  const result = await selfCheck(db, steps, from, to, postgres);
  return [...result.problems];
}
