import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PgliteEngine, shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { PostgresEngine } from "../../src/dialects/postgres/engines/server.js";
import type { Plan } from "../../src/plan/model.js";
import { readSchema } from "../../src/sources/read-schema.js";
import { expectLintClean } from "../helpers/plan-lint.js";
import { expectPlanCase, type PlanCaseExpect } from "../helpers/plan-case-expect.js";
import { CONFORMANCE, HAS_CONFORMANCE, roundTrip, runCli, SERVER_URL, TEST_CACHE } from "../support.js";
import { postgres } from "../../src/dialects/postgres/index.js";

/**
 * ../shared/conformance/postgres-plan: each case runs
 * `lockstep plan --from before.sql --to after.sql --format json [args]` and checks expect.json.
 */
type Expect = PlanCaseExpect;

const dir = join(CONFORMANCE, "postgres-plan");

/** `--postgres-version N` among a case's arguments. */
function versionArg(args: readonly string[] = []): number | undefined {
  const i = args.indexOf("--postgres-version");
  return i >= 0 ? Number(args[i + 1]) : undefined;
}

async function schemaOfFile(file: string) {
  return (await readSchema(file, postgres, { cacheDir: TEST_CACHE, cwd: process.cwd() })).schema;
}
const cases = HAS_CONFORMANCE ? readdirSync(dir).sort() : [];
if (!HAS_CONFORMANCE) console.warn(`${dir} not found: the shared conformance cases are skipped`);

afterAll(shutdownPglite);

describe.skipIf(!HAS_CONFORMANCE)("conformance: postgres-plan", () => {
  const plans = new Map<string, Plan>();

  for (const name of cases) {
    const caseDir = join(dir, name);
    const expect_ = JSON.parse(readFileSync(join(caseDir, "expect.json"), "utf8")) as Expect;
    const before = join(caseDir, "before.sql");
    const after = join(caseDir, "after.sql");

    it(`${name}: ${expect_.description}`, async () => {
      const args = [
        "plan",
        "--from",
        before,
        "--to",
        after,
        "--format",
        "json",
        "--cache-dir",
        TEST_CACHE,
        ...(expect_.args ?? []),
      ];
      const run = await runCli(args);
      expect(run.stderr).toBe("");
      const plan = JSON.parse(run.stdout) as Plan;
      plans.set(name, plan);

      expectPlanCase(plan, expect_);
      if (expect_.verdict) {
        expect(plan.verdict).toBe(expect_.verdict);
        expect(run.code).toBe(expect_.verdict === "BLOCK" ? 1 : 0);
      }
      // What plan writes, its own lint accepts (with the schema it starts from as context).
      const postgresVersion = versionArg(expect_.args);
      expectLintClean(plan, { schema: await schemaOfFile(before), ...(postgresVersion ? { postgresVersion } : {}) });

      if (expect_.roundTrip) {
        const db = await new PgliteEngine({ cacheDir: TEST_CACHE }).fresh();
        expect(await roundTrip(db, readFileSync(before, "utf8"), readFileSync(after, "utf8"), plan.steps)).toEqual([]);
      }
    });
  }

  describe.skipIf(!SERVER_URL)("round trips on the PostgreSQL server", () => {
    const engine = SERVER_URL ? new PostgresEngine(SERVER_URL) : undefined;
    afterAll(() => engine?.close());
    for (const name of cases) {
      const caseDir = join(dir, name);
      const expect_ = JSON.parse(readFileSync(join(caseDir, "expect.json"), "utf8")) as Expect;
      if (!expect_.roundTrip) continue;
      it(`${name} (server)`, async () => {
        const run = await runCli([
          "plan",
          "--from",
          join(caseDir, "before.sql"),
          "--to",
          join(caseDir, "after.sql"),
          "--format",
          "json",
          "--dev-url",
          SERVER_URL!,
          ...(expect_.args ?? []),
        ]);
        expect(run.stderr).toBe("");
        const plan = JSON.parse(run.stdout) as Plan;
        const db = await engine!.fresh();
        const problems = await roundTrip(
          db,
          readFileSync(join(caseDir, "before.sql"), "utf8"),
          readFileSync(join(caseDir, "after.sql"), "utf8"),
          plan.steps,
        );
        expect(problems).toEqual([]);
      });
    }
  });
});
