import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sqlite } from "../../src/dialects/sqlite/index.js";
import { openSqliteEngine } from "../../src/dialects/sqlite/engine.js";
import { diffSchemas } from "../../src/diff/diff.js";
import type { Step } from "../../src/plan/model.js";
import type { Schema } from "../../src/schema/model.js";

/** Debian's sqlite3 CLI (3.40.1), for running plans on a SQLite that is not the embedded one. */
export const SQLITE3 = "/usr/bin/sqlite3";

/** A script that runs the SQL as it is applied: a transactional step inside BEGIN … COMMIT. */
function script(steps: readonly Step[], way: "up" | "down"): string {
  const ordered = way === "up" ? steps : [...steps].reverse();
  return ordered
    .map((s) => {
      const body = s[way].map((sql) => `${sql};`).join("\n");
      return s.transactional ? `BEGIN;\n${body}\nCOMMIT;` : body;
    })
    .join("\n");
}

/** The schema sql.js reads back from a database built by `sql` (run with foreign_keys on). */
async function schemaAfter(sql: string): Promise<Schema> {
  const db = await openSqliteEngine().fresh();
  try {
    await db.exec("PRAGMA foreign_keys=ON");
    await db.exec(sql);
    return await sqlite.introspect(db);
  } finally {
    await db.close();
  }
}

/** The schema of a database file the sqlite3 CLI wrote, read by sql.js. */
async function schemaOfFile(file: string): Promise<Schema> {
  const engine = openSqliteEngine(`sqlite:${file}`);
  try {
    return await sqlite.introspect(await engine.fresh());
  } finally {
    await engine.close();
  }
}

function sameSchema(found: Schema, expected: Schema): string[] {
  return diffSchemas(found, expected, sqlite).map((c) => `${c.kind} ${"table" in c ? c.table.name : ""}`);
}

/**
 * `before`, then every step's up, gives `after`'s schema; then every down in reverse gives
 * `before`'s: on sql.js and on the sqlite3 CLI (where installed; its file is read back by sql.js),
 * with foreign_keys on, as applications run SQLite. Returns what went wrong, nothing when all held.
 */
export async function sqliteRoundTrip(beforeSql: string, afterSql: string, steps: readonly Step[]): Promise<string[]> {
  const problems: string[] = [];
  const want = { after: await schemaAfter(afterSql), before: await schemaAfter(beforeSql) };
  const upSql = script(steps, "up");
  const downSql = script(steps, "down");
  const check = (where: string, found: Schema, expected: Schema) => {
    for (const d of sameSchema(found, expected)) problems.push(`${where}: ${d}`);
  };
  try {
    check("sql.js up", await schemaAfter(`${beforeSql}\n${upSql}`), want.after);
    check("sql.js down", await schemaAfter(`${beforeSql}\n${upSql}\n${downSql}`), want.before);
  } catch (err) {
    problems.push(`sql.js: ${(err as Error).message}`);
  }
  if (!existsSync(SQLITE3)) return problems;
  const tmp = mkdtempSync(join(tmpdir(), "lockstep-sqlite3-"));
  try {
    const run = (file: string, sql: string) =>
      execFileSync(SQLITE3, ["-bail", join(tmp, file)], { input: `PRAGMA foreign_keys=ON;\n${sql}\n`, stdio: "pipe" });
    run("up.db", `${beforeSql}\n${upSql}`);
    check("sqlite3 up", await schemaOfFile(join(tmp, "up.db")), want.after);
    run("down.db", `${beforeSql}\n${upSql}\n${downSql}`);
    check("sqlite3 down", await schemaOfFile(join(tmp, "down.db")), want.before);
  } catch (err) {
    problems.push(`sqlite3: ${String((err as { stderr?: Buffer }).stderr ?? (err as Error).message)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return problems;
}
