import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { Finding } from "../../src/schema/finding.js";
import { CONFORMANCE, HAS_CONFORMANCE, runCli, TEST_CACHE } from "../support.js";

/**
 * ../shared/conformance/postgres-lint: each case runs
 * `lockstep lint migration.sql --schema schema.sql --format json` and checks expect.json.
 */
interface Expect {
  description: string;
  findings: { rule: string; line: number }[];
  absent: string[];
  options?: { expectExit?: number };
}

const dir = join(CONFORMANCE, "postgres-lint");
const cases = HAS_CONFORMANCE ? readdirSync(dir).sort() : [];
if (!HAS_CONFORMANCE) console.warn(`${dir} not found: the shared lint conformance cases are skipped`);

afterAll(shutdownPglite);

describe.skipIf(!HAS_CONFORMANCE)("conformance: postgres-lint", () => {
  for (const name of cases) {
    const caseDir = join(dir, name);
    const want = JSON.parse(readFileSync(join(caseDir, "expect.json"), "utf8")) as Expect;
    it(`${name}${want.description ? `: ${want.description}` : ""}`, async () => {
      const run = await runCli(
        ["lint", "migration.sql", "--schema", "schema.sql", "--format", "json", "--cache-dir", TEST_CACHE],
        caseDir,
      );
      if (want.options?.expectExit !== undefined) {
        expect(run.code).toBe(want.options.expectExit);
        if (want.options.expectExit === 2) expect(run.stderr).toMatch(/^lockstep: migration\.sql:1:\d+: /);
        return;
      }
      expect(run.stderr).toBe("");
      const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
      const got = findings.map((f) => ({ rule: f.rule, line: f.line }));
      for (const f of want.findings) expect(got).toContainEqual(f);
      for (const rule of want.absent) expect(findings.map((f) => f.rule)).not.toContain(rule);
    });
  }
});
