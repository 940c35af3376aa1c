import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plan } from "../../src/commands/plan.js";
import { sqliteRoundTrip } from "../helpers/sqlite-plan.js";
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

const cases = HAS_CONFORMANCE && existsSync(dir) ? readdirSync(dir).sort() : [];

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

describe.skipIf(cases.length === 0)("conformance: sqlite-plan", () => {
  for (const name of cases) {
    const caseDir = join(dir, name);
    const expect_ = JSON.parse(readFileSync(join(caseDir, "expect.json"), "utf8")) as Expect;
    const before = join(caseDir, "before.sql");
    const after = join(caseDir, "after.sql");

    it(`${name}: ${expect_.description}`, async () => {
      const result = await plan({
        from: before,
        to: after,
        dialect: "sqlite",
        cacheDir: TEST_CACHE,
        ...requestOf(expect_.args),
      });
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
      for (const s of result.steps.filter((x) => !x.transactional))
        expect([s.up.length, s.down.length]).toEqual([1, 1]);

      if (expect_.roundTrip) {
        for (const problem of await sqliteRoundTrip(
          readFileSync(before, "utf8"),
          readFileSync(after, "utf8"),
          result.steps,
        ))
          expect.fail(problem);
      }
    });
  }
});
