import { describe, expect, it } from "vitest";
import { dropColumn } from "../dialects/postgres/rules/drop-column.js";
import { dropTable } from "../dialects/postgres/rules/drop-table.js";
import { requireConcurrentIndex } from "../dialects/postgres/rules/require-concurrent-index.js";
import { verdictOf } from "../schema/verdict.js";
import { confirmMarker } from "./confirmations.js";
import { lintSql } from "./testing.js";

const rules = [dropColumn, dropTable, requireConcurrentIndex];
const brief = (f: { rule: string; severity: string; line?: number; confirmed?: string }) =>
  `${f.severity} ${f.rule}@${f.line}${f.confirmed ? ` confirmed: ${f.confirmed}` : ""}`;

describe("-- lockstep-confirm markers", () => {
  it("without a marker, a breaking statement blocks and its fix shows the marker", async () => {
    const findings = await lintSql("ALTER TABLE orders DROP COLUMN note;", rules);
    expect(findings.map(brief)).toEqual(["error drop-column@1"]);
    expect(findings[0]!.object).toBe("orders.note");
    expect(findings[0]!.fix).toContain("-- lockstep-confirm drop-column orders.note: <reason>");
    expect(verdictOf(findings)).toBe("BLOCK");
  });

  it("a marker naming the rule and the object keeps the finding, as info, confirmed", async () => {
    const sql = [
      "SELECT 1;",
      "-- lockstep-confirm drop-column orders.note: nobody reads it since v2",
      "ALTER TABLE orders DROP COLUMN note;",
    ].join("\n");
    const findings = await lintSql(sql, rules);
    expect(findings.map(brief)).toEqual(["info drop-column@3 confirmed: nobody reads it since v2"]);
    expect(findings[0]!.message).toMatch(/ \(marker at line 2: nobody reads it since v2\)$/);
    expect(verdictOf(findings)).toBe("PASS");
  });

  it("confirms through other comments between the marker and the statement, and a quoted, qualified name", async () => {
    const sql = [
      "-- lockstep-confirm drop-table legacy: archived in S3",
      "-- DropTable",
      'DROP TABLE "public"."legacy";',
    ].join("\n");
    expect((await lintSql(sql, rules)).map(brief)).toEqual(["info drop-table@3 confirmed: archived in S3"]);
  });

  it("confirms only the statement directly below: the next one still blocks", async () => {
    const sql = [
      "-- lockstep-confirm drop-column orders.note: unused",
      "ALTER TABLE orders DROP COLUMN note;",
      "ALTER TABLE orders DROP COLUMN note2;",
    ].join("\n");
    expect((await lintSql(sql, rules)).map(brief)).toEqual([
      "info drop-column@2 confirmed: unused",
      "error drop-column@3",
    ]);
  });

  it("a wrong rule or a wrong object confirms nothing, and says so", async () => {
    for (const marker of [
      "-- lockstep-confirm drop-table orders.note: unused",
      "-- lockstep-confirm drop-column orders.notes: unused",
    ]) {
      const findings = await lintSql(`${marker}\nALTER TABLE orders DROP COLUMN note;`, rules);
      expect(findings.map(brief)).toEqual(["warning unmatched-confirmation@1", "error drop-column@2"]);
      expect(findings[0]!.message).toMatch(/matches no finding on the statement below it/);
    }
  });

  it("a marker without a reason confirms nothing and is a warning", async () => {
    for (const marker of [
      "-- lockstep-confirm drop-column orders.note",
      "-- lockstep-confirm drop-column orders.note:",
    ]) {
      const findings = await lintSql(`${marker}\nALTER TABLE orders DROP COLUMN note;`, rules);
      expect(findings.map(brief)).toEqual(["warning confirmation-without-reason@1", "error drop-column@2"]);
    }
  });

  it("a marker without an object, or with nothing below it, is a warning", async () => {
    const noObject = await lintSql("-- lockstep-confirm drop-column: why\nALTER TABLE t DROP COLUMN c;", rules);
    expect(noObject.map(brief)).toEqual(["warning unmatched-confirmation@1", "error drop-column@2"]);
    expect(noObject[0]!.message).toMatch(/needs a rule and an object/);
    const last = await lintSql("SELECT 1;\n-- lockstep-confirm drop-column t.c: why", rules);
    expect(last.map(brief)).toEqual(["warning unmatched-confirmation@2"]);
  });

  it("cannot accept a finding that names no object (a warning rule here)", async () => {
    const findings = await lintSql(
      "-- lockstep-confirm require-concurrent-index users: fine\nCREATE INDEX i ON users (a);",
      rules,
    );
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual([
      "warning unmatched-confirmation",
      "warning require-concurrent-index",
    ]);
  });

  it("writes the marker plan puts in files, on one line", () => {
    expect(confirmMarker("drop-column", "orders.note", "confirmed at plan time\n(--allow-breaking)")).toBe(
      "-- lockstep-confirm drop-column orders.note: confirmed at plan time (--allow-breaking)",
    );
  });
});
