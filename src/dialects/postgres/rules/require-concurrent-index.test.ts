import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { requireConcurrentIndex } from "./require-concurrent-index.js";

const rules = [requireConcurrentIndex];

describe("require-concurrent-index", () => {
  it.each([
    ["CREATE INDEX CONCURRENTLY users_email_idx ON users (email);"],
    ["CREATE TABLE tags (id int, label text);\nCREATE INDEX tags_label_idx ON tags (label);"],
  ])("valid: %s", async (sql) => {
    expect(await lintSql(sql, rules)).toEqual([]);
  });

  it.each([
    ["CREATE INDEX users_email_idx ON users (email);", ["require-concurrent-index@1"]],
    ["-- note\n\nCREATE UNIQUE INDEX u ON billing.invoices (number);", ["require-concurrent-index@3"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.fix).toContain("CONCURRENTLY");
    expect(findings[0]!.severity).toBe("warning");
  });

  it("is silenced by a suppression with a reason, and a suppression without one is reported", async () => {
    expect(
      await lintSql("-- lockstep-ignore require-concurrent-index: tiny table\nCREATE INDEX i ON users (a);", rules),
    ).toEqual([]);
    expect(
      at(await lintSql("-- lockstep-ignore require-concurrent-index\nCREATE INDEX i ON users (a);", rules)),
    ).toEqual(["suppression-without-reason@1"]);
  });
});
