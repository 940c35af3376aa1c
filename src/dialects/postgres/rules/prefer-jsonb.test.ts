import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { preferJsonb } from "./prefer-jsonb.js";

const rules = [preferJsonb];

describe("prefer-jsonb", () => {
  it.each([["CREATE TABLE t (a jsonb);"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { severities: { "prefer-jsonb": "warning" } }))).toEqual([]);
  });

  it.each([["CREATE TABLE t (a json);", ["prefer-jsonb@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { severities: { "prefer-jsonb": "warning" } });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("is off by default", async () => {
    expect(preferJsonb.meta.severity).toBe("off");
    expect(await lintSql("CREATE TABLE t (a json);", rules)).toEqual([]);
  });
});
