import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { preferTimestamptz } from "./prefer-timestamptz.js";

const rules = [preferTimestamptz];

describe("prefer-timestamptz", () => {
  it.each([["CREATE TABLE t (a timestamptz, b timestamp with time zone);"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { severities: { "prefer-timestamptz": "warning" } }))).toEqual([]);
  });

  it.each([["ALTER TABLE users ALTER COLUMN at TYPE timestamp;", ["prefer-timestamptz@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      const findings = await lintSql(sql, rules, { severities: { "prefer-timestamptz": "warning" } });
      expect(at(findings)).toEqual(expected);
      expect(findings[0]!.message.length).toBeGreaterThan(10);
      expect(findings[0]!.fix).toBeTruthy();
    },
  );

  it("is off by default", async () => {
    expect(preferTimestamptz.meta.severity).toBe("off");
    expect(await lintSql("ALTER TABLE users ALTER COLUMN at TYPE timestamp;", rules)).toEqual([]);
  });
});
