import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plan } from "../../src/commands/plan.js";
import { expectPlanCase, type PlanCaseExpect } from "../helpers/plan-case-expect.js";
import { sqliteRoundTrip } from "../helpers/sqlite-plan.js";
import { CONFORMANCE, HAS_CONFORMANCE, TEST_CACHE } from "../support.js";

/**
 * ../shared/conformance/sqlite-plan: each case runs `plan({ from: before.sql, to: after.sql,
 * dialect: "sqlite", … })` and checks expect.json; the round trip runs on sql.js (foreign_keys on)
 * and on the `sqlite3` CLI where it is installed.
 */
type Expect = PlanCaseExpect;

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
      expectPlanCase(result, expect_);
      if (expect_.verdict) expect(result.verdict, JSON.stringify(result.findings)).toBe(expect_.verdict);
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
