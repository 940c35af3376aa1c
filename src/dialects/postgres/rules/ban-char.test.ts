import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { banChar } from "./ban-char.js";

const rules = [banChar];

describe("ban-char", () => {
  it.each([['CREATE TABLE t (a text, b "char");']])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { severities: { "ban-char": "warning" } }))).toEqual([]);
  });

  it.each([["CREATE TABLE t (a char(2));", ["ban-char@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { severities: { "ban-char": "warning" } });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("is off by default", async () => {
    expect(banChar.meta.severity).toBe("off");
    expect(await lintSql("CREATE TABLE t (a char(2));", rules)).toEqual([]);
  });
});
