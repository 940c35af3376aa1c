import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { preferText } from "./prefer-text.js";

const rules = [preferText];

describe("prefer-text", () => {
  it.each([["CREATE TABLE t (a text, b varchar);"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { severities: { "prefer-text": "warning" } }))).toEqual([]);
  });

  it.each([["CREATE TABLE t (a varchar(20));", ["prefer-text@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { severities: { "prefer-text": "warning" } });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("is off by default", async () => {
    expect(preferText.meta.severity).toBe("off");
    expect(await lintSql("CREATE TABLE t (a varchar(20));", rules)).toEqual([]);
  });
});
