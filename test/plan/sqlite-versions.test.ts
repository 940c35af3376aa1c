import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plan } from "../../src/commands/plan.js";
import type { Step } from "../../src/plan/model.js";
import { sqliteRoundTrip } from "../helpers/sqlite-plan.js";
import { CONFORMANCE, TEST_CACHE } from "../support.js";

/**
 * `sqliteVersion`: below 3.35 DROP COLUMN, below 3.25 RENAME COLUMN are rebuilds, and every plan
 * still runs up and down on sql.js and on the sqlite3 CLI. The schemas are the conformance cases'.
 */
const dir = join(CONFORMANCE, "sqlite-plan");

async function planCase(name: string, request: Record<string, unknown>) {
  const before = join(dir, name, "before.sql");
  const after = join(dir, name, "after.sql");
  const result = await plan({ from: before, to: after, dialect: "sqlite", cacheDir: TEST_CACHE, ...request });
  const problems = await sqliteRoundTrip(readFileSync(before, "utf8"), readFileSync(after, "utf8"), result.steps);
  return { result, problems, up: result.steps.flatMap((s) => s.up).join("\n"), down: downOf(result.steps) };
}

const downOf = (steps: readonly Step[]) => steps.flatMap((s) => s.down).join("\n");

describe.skipIf(!existsSync(dir))("SQLite plans by target version", () => {
  it("drops an indexed column in place on 3.35, and rebuilds the table on 3.34", async () => {
    const now = await planCase("04-drop-indexed-column-confirmed", { allowBreaking: true });
    expect(now.up).toContain("DROP COLUMN");
    expect(now.problems).toEqual([]);
    const old = await planCase("04-drop-indexed-column-confirmed", { allowBreaking: true, sqliteVersion: "3.34" });
    expect(old.up).not.toContain("DROP COLUMN");
    expect(old.up).toContain("INSERT INTO");
    expect(old.up).toContain("PRAGMA foreign_key_check");
    expect(old.result.findings.map((f) => f.rule)).toContain("sqlite-table-rebuild");
    expect(old.result.steps.some((s) => s.dataLoss)).toBe(true);
    expect(old.result.steps.filter((s) => !s.transactional).map((s) => s.up[0])).toEqual([
      "PRAGMA foreign_keys=OFF",
      "PRAGMA foreign_keys=ON",
    ]);
    expect(old.problems).toEqual([]);
  });

  it("renames a column with RENAME COLUMN from 3.25, by a rebuild before", async () => {
    const args = { allowBreaking: true, renames: ["loans.due_on=due_date"] };
    const now = await planCase("05-rename-indexed-column-confirmed", args);
    expect(now.up).toContain("RENAME COLUMN");
    expect(now.result.steps.map((s) => s.phase)).toEqual(["expand", "contract"]);
    expect(now.problems).toEqual([]);
    const old = await planCase("05-rename-indexed-column-confirmed", { ...args, sqliteVersion: "3.24" });
    expect(old.up).not.toContain("RENAME COLUMN");
    expect(old.up).not.toContain("DROP COLUMN");
    expect(old.down).not.toContain("DROP COLUMN");
    expect(old.up).toContain("INSERT INTO");
    expect(old.problems).toEqual([]);
  });

  it("adds a column in place on 3.34, whose down is then a rebuild", async () => {
    const old = await planCase("02-add-fk-column-with-index", { sqliteVersion: "3.34" });
    expect(old.up).toContain("ADD COLUMN");
    expect(old.down).not.toContain("DROP COLUMN");
    expect(old.down).toContain("INSERT INTO");
    expect(old.problems).toEqual([]);
  });

  it("the round trip tells a wrong plan", async () => {
    const before = readFileSync(join(dir, "03-type-change-rebuild", "before.sql"), "utf8");
    const after = readFileSync(join(dir, "03-type-change-rebuild", "after.sql"), "utf8");
    const step: Step = {
      name: "x",
      phase: "single",
      transactional: true,
      up: ["CREATE TABLE x (a)"],
      down: ["DROP TABLE x"],
      deploy: "",
    };
    expect((await sqliteRoundTrip(before, after, [step])).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!existsSync(dir))("SQLite plans that need a value", () => {
  it("asks for --backfill for a NOT NULL column without default, and rebuilds with it", async () => {
    const beforeSql = readFileSync(join(dir, "01-add-nullable-and-default-columns", "before.sql"), "utf8");
    const afterSql = beforeSql.replace("  published_on TEXT\n);", "  published_on TEXT,\n  format TEXT NOT NULL\n);");
    expect(afterSql).not.toBe(beforeSql);
    const folder = mkdtempSync(join(tmpdir(), "lockstep-sqlite-backfill-"));
    try {
      writeFileSync(join(folder, "before.sql"), beforeSql);
      writeFileSync(join(folder, "after.sql"), afterSql);
      const request = { from: join(folder, "before.sql"), to: join(folder, "after.sql"), dialect: "sqlite" as const };
      const blocked = await plan({ ...request, cacheDir: TEST_CACHE });
      expect(blocked.verdict).toBe("BLOCK");
      expect(blocked.findings.map((f) => f.rule)).toContain("add-required-column");
      const planned = await plan({ ...request, cacheDir: TEST_CACHE, backfills: ["books.format='paper'"] });
      expect(planned.verdict).toBe("WARN");
      const up = planned.steps.flatMap((s) => s.up).join("\n");
      expect(up).toContain("'paper'");
      expect(await sqliteRoundTrip(beforeSql, afterSql, planned.steps)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
