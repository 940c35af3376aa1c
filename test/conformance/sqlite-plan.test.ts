import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plan } from "../../src/commands/plan.js";
import { sqlite } from "../../src/dialects/sqlite/index.js";
import { openSqliteEngine } from "../../src/dialects/sqlite/engine.js";
import { diffSchemas } from "../../src/diff/diff.js";
import type { Step } from "../../src/plan/model.js";
import type { Schema } from "../../src/schema/model.js";
import { CONFORMANCE, HAS_CONFORMANCE, TEST_CACHE } from "../support.js";

/**
 * ../shared/conformance/sqlite-plan: each case runs `plan({ from: before.sql, to: after.sql,
 * dialect: "sqlite", … })` and checks expect.json; the round trip runs on sql.js (foreign_keys on)
 * and on the `sqlite3` CLI where it is installed.
 */
interface Expect {
  description: string;
  args?: string[];
  changes?: { kind: string; table?: string; column?: string; risk?: string }[];
  verdict?: string;
  minSteps?: number;
  maxSteps?: number;
  phases?: string[];
  nonTransactionalStep?: boolean;
  upContains?: string[];
  findings?: string[];
  mentions?: string[];
  dataLoss?: boolean;
  roundTrip?: boolean;
}

const dir = join(CONFORMANCE, "sqlite-plan");

/**
 * Members SQLite's lint and verify bring (built apart from its planner): where this build still
 * lacks one, a stand-in that asks nothing of it — no session state, no seeded rows — so the plan's
 * own checks run. Where the member exists, it is used as it is.
 */
function standInsForMissingMembers(): void {
  const missing = (call: () => unknown) => {
    try {
      call();
      return false;
    } catch (err) {
      return /does not support/.test((err as Error).message);
    }
  };
  const d = sqlite as { -readonly [K in keyof typeof sqlite]: (typeof sqlite)[K] };
  if (missing(() => d.lintSession()))
    d.lintSession = () => ({
      startMigration: () => {},
      lockTimeoutSet: false,
      notValidInTransaction: new Set<string>(),
      notNullChecked: () => false,
      after: () => {},
      endBlock: () => {},
    });
  if (missing(() => d.applyToTables({ sql: "", ast: {}, kind: "Unknown", line: 1, column: 1 }, new Map())))
    d.applyToTables = () => {};
  const table = { schema: "public", name: "t", columns: [], uniques: [], foreignKeys: [], checks: [], exclusions: [], indexes: [] };
  if (missing(() => d.seedSql(table, { namespaces: [], extensions: [], enums: [], sequences: [], tables: [] }, 1)))
    d.seedSql = () => "SELECT 1";
  d.printRows = missingAsync(d.printRows, async () => []);
}

function missingAsync<F extends (...args: never[]) => Promise<unknown>>(member: F, standIn: F): F {
  return (async (...args: Parameters<F>) => {
    try {
      return await member(...args);
    } catch (err) {
      if (/does not support/.test((err as Error).message)) return standIn(...args);
      throw err;
    }
  }) as F;
}
standInsForMissingMembers();
const cases = HAS_CONFORMANCE && existsSync(dir) ? readdirSync(dir).sort() : [];
const SQLITE3 = "/usr/bin/sqlite3";

/** The flags of a case as plan's request fields. */
function requestOf(args: readonly string[] = []) {
  const value = (flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]!] : []));
  const version = value("--sqlite-version")[0];
  return {
    allowBreaking: args.includes("--allow-breaking"),
    renames: value("--rename"),
    backfills: value("--backfill"),
    ...(version ? { sqliteVersion: version } : {}),
  };
}

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

describe.skipIf(cases.length === 0)("conformance: sqlite-plan", () => {
  for (const name of cases) {
    const caseDir = join(dir, name);
    const expect_ = JSON.parse(readFileSync(join(caseDir, "expect.json"), "utf8")) as Expect;
    const before = join(caseDir, "before.sql");
    const after = join(caseDir, "after.sql");

    it(`${name}: ${expect_.description}`, async () => {
      const result = await plan({ from: before, to: after, dialect: "sqlite", cacheDir: TEST_CACHE, ...requestOf(expect_.args) });
      if (expect_.changes) {
        if (expect_.changes.length === 0) expect(result.changes).toEqual([]);
        for (const want of expect_.changes) expect(result.changes).toContainEqual(expect.objectContaining(want));
      }
      if (expect_.verdict) expect(result.verdict, JSON.stringify(result.findings)).toBe(expect_.verdict);
      if (expect_.minSteps !== undefined) expect(result.steps.length).toBeGreaterThanOrEqual(expect_.minSteps);
      if (expect_.maxSteps !== undefined) expect(result.steps.length).toBeLessThanOrEqual(expect_.maxSteps);
      if (expect_.phases) {
        const phases = result.steps.map((s) => s.phase);
        let at = 0;
        for (const p of expect_.phases) {
          const found = phases.indexOf(p as (typeof phases)[number], at);
          expect(found, `phase ${p} in order within ${phases.join(", ")}`).toBeGreaterThanOrEqual(0);
          at = found + 1;
        }
      }
      if (expect_.nonTransactionalStep) expect(result.steps.some((s) => !s.transactional)).toBe(true);
      const up = result.steps.flatMap((s) => s.up).join("\n");
      for (const s of expect_.upContains ?? []) expect(up).toContain(s);
      for (const rule of expect_.findings ?? []) expect(result.findings.map((f) => f.rule)).toContain(rule);
      const text = [...result.changes.flatMap((c) => c.reasons), ...result.findings.map((f) => f.message)]
        .join("\n")
        .toLowerCase();
      for (const word of expect_.mentions ?? []) expect(text).toContain(word.toLowerCase());
      if (expect_.dataLoss) expect(result.steps.some((s) => !!s.dataLoss)).toBe(true);
      for (const s of result.steps) expect(s.down.length, `${s.name} has a down`).toBeGreaterThan(0);
      // A step outside a transaction holds one statement each way.
      for (const s of result.steps.filter((x) => !x.transactional)) expect([s.up.length, s.down.length]).toEqual([1, 1]);

      if (expect_.roundTrip) {
        const beforeSql = readFileSync(before, "utf8");
        const want = { after: await schemaAfter(readFileSync(after, "utf8")), before: await schemaAfter(beforeSql) };
        const upSql = script(result.steps, "up");
        const downSql = script(result.steps, "down");
        expect(sameSchema(await schemaAfter(`${beforeSql}\n${upSql}`), want.after), "sql.js: up").toEqual([]);
        expect(sameSchema(await schemaAfter(`${beforeSql}\n${upSql}\n${downSql}`), want.before), "sql.js: down").toEqual([]);

        if (existsSync(SQLITE3)) {
          const tmp = mkdtempSync(join(tmpdir(), "lockstep-sqlite3-"));
          try {
            const run = (file: string, sql: string) =>
              execFileSync(SQLITE3, ["-bail", join(tmp, file)], { input: `PRAGMA foreign_keys=ON;\n${sql}\n` });
            run("up.db", `${beforeSql}\n${upSql}`);
            expect(sameSchema(await schemaOfFile(join(tmp, "up.db")), want.after), "sqlite3: up").toEqual([]);
            run("down.db", `${beforeSql}\n${upSql}\n${downSql}`);
            expect(sameSchema(await schemaOfFile(join(tmp, "down.db")), want.before), "sqlite3: down").toEqual([]);
            writeFileSync(join(tmp, "done"), "");
          } finally {
            rmSync(tmp, { recursive: true, force: true });
          }
        }
      }
    });
  }
});
