import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { preferIdentity } from "./prefer-identity.js";

const rules = [preferIdentity];

describe("prefer-identity", () => {
  it.each([["CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY);"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { severities: { "prefer-identity": "warning" } }))).toEqual([]);
  });

  it.each([["CREATE TABLE t (id bigserial);", ["prefer-identity@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { severities: { "prefer-identity": "warning" } });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("is off by default", async () => {
    expect(preferIdentity.meta.severity).toBe("off");
    expect(await lintSql("CREATE TABLE t (id bigserial);", rules)).toEqual([]);
  });
});
