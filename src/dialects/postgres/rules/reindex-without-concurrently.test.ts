import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { reindexWithoutConcurrently } from "./reindex-without-concurrently.js";

const rules = [reindexWithoutConcurrently];

describe("reindex-without-concurrently", () => {
  it.each([
    ["REINDEX TABLE CONCURRENTLY users;"],
    ["REINDEX (VERBOSE) INDEX CONCURRENTLY users_email_idx;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nREINDEX TABLE t;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["REINDEX TABLE users;", ["reindex-without-concurrently@1"]],
    ["REINDEX INDEX users_email_idx;", ["reindex-without-concurrently@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("only from PostgreSQL 12, where CONCURRENTLY exists", async () => {
    expect(at(await lintSql("REINDEX TABLE users;", rules, { postgresVersion: 11 }))).toEqual([]);
    const [f] = await lintSql("REINDEX TABLE users;", rules);
    expect(f!.fix).toContain("REINDEX TABLE CONCURRENTLY users");
  });
});
