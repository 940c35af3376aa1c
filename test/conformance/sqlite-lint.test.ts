import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/schema/finding.js";
import { CONFORMANCE, HAS_CONFORMANCE, runCli } from "../support.js";

/**
 * ../shared/conformance/sqlite-lint: each case runs
 * `lockstep lint migration.sql --schema schema.sql --dialect sqlite --format json [args…]` (schema.sql
 * replayed on the embedded SQLite) and checks expect.json.
 */
interface Expect {
  description: string;
  args?: string[];
  findings: { rule: string; line: number }[];
  absent: string[];
  options?: { expectExit?: number };
}

const dir = join(CONFORMANCE, "sqlite-lint");
const cases = HAS_CONFORMANCE
  ? readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  : [];
if (!HAS_CONFORMANCE) console.warn(`${dir} not found: the shared SQLite lint conformance cases are skipped`);

describe.skipIf(!HAS_CONFORMANCE)("conformance: sqlite-lint", () => {
  for (const name of cases) {
    const caseDir = join(dir, name);
    const want = JSON.parse(readFileSync(join(caseDir, "expect.json"), "utf8")) as Expect;
    it(`${name}${want.description ? `: ${want.description}` : ""}`, async () => {
      const run = await runCli(
        [
          "lint",
          "migration.sql",
          "--schema",
          "schema.sql",
          "--dialect",
          "sqlite",
          "--format",
          "json",
          ...(want.args ?? []),
        ],
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

describe("lint --dialect sqlite from the command line", () => {
  it("takes the dialect, the version and rule severities from the configuration", async () => {
    const work = mkdtempSync(join(tmpdir(), "lockstep-sqlite-lint-"));
    writeFileSync(
      join(work, "lockstep.config.json"),
      JSON.stringify({ dialect: "sqlite", sqliteVersion: "3.31", rules: { "drop-column": "off" } }),
    );
    writeFileSync(join(work, "m.sql"), "ALTER TABLE books DROP COLUMN pages;\n");
    const run = await runCli(["lint", "m.sql", "--format", "json"], work);
    expect(run.stderr).toBe("");
    const rules = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.map((f) => f.rule);
    expect(rules).toEqual(["sqlite-drop-column-version"]);
    // The flag wins over the configuration.
    const newer = await runCli(["lint", "m.sql", "--format", "json", "--sqlite-version", "3.35"], work);
    expect((JSON.parse(newer.stdout) as { findings: Finding[] }).findings).toEqual([]);
  });

  it("accepts postgresql as postgres", async () => {
    const work = mkdtempSync(join(tmpdir(), "lockstep-sqlite-lint-"));
    writeFileSync(join(work, "m.sql"), "ALTER TABLE users DROP COLUMN name;\n");
    const run = await runCli(["lint", "m.sql", "--dialect", "postgresql", "--format", "json"], work);
    expect((JSON.parse(run.stdout) as { findings: Finding[] }).findings.map((f) => f.rule)).toContain("drop-column");
  });

  it("names file, line and column of a syntax error, exit 2", async () => {
    const work = mkdtempSync(join(tmpdir(), "lockstep-sqlite-lint-"));
    writeFileSync(
      join(work, "bad.sql"),
      "CREATE TABLE t (id INTEGER PRIMARY KEY);\nALTER TABLE t ADD COLUMN x TEXT DEFAULT;\n",
    );
    const run = await runCli(["lint", "bad.sql", "--dialect", "sqlite", "--format", "json"], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: bad\.sql:2:\d+: /);
  });

  it("refuses a --sqlite-version that is not one, exit 2", async () => {
    const work = mkdtempSync(join(tmpdir(), "lockstep-sqlite-lint-"));
    writeFileSync(join(work, "m.sql"), "SELECT 1;\n");
    const run = await runCli(["lint", "m.sql", "--dialect", "sqlite", "--sqlite-version", "three"], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--sqlite-version three/);
  });
});
