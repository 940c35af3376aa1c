import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { preferBigint } from "./prefer-bigint.js";

const rules = [preferBigint];

describe("prefer-bigint", () => {
  it.each([["CREATE TABLE t (a bigint, b bigserial);"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { severities: { "prefer-bigint": "warning" } }))).toEqual([]);
  });

  it.each([["ALTER TABLE users ADD COLUMN n integer;", ["prefer-bigint@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { severities: { "prefer-bigint": "warning" } });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("is off by default", async () => {
    expect(preferBigint.meta.severity).toBe("off");
    expect(await lintSql("ALTER TABLE users ADD COLUMN n integer;", rules)).toEqual([]);
  });
});
