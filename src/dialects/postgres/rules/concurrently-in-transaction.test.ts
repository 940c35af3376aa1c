import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { concurrentlyInTransaction } from "./concurrently-in-transaction.js";

const rules = [concurrentlyInTransaction];

describe("concurrently-in-transaction", () => {
  it.each([
    ["CREATE INDEX CONCURRENTLY i ON users (email);"],
    ["DROP INDEX CONCURRENTLY i;"],
    ["REINDEX TABLE CONCURRENTLY users;"],
    ["ALTER TABLE p DETACH PARTITION c CONCURRENTLY;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual([]);
  });

  it.each([
    ["CREATE INDEX CONCURRENTLY i ON users (email);", ["concurrently-in-transaction@1"]],
    ["DROP INDEX CONCURRENTLY i;", ["concurrently-in-transaction@1"]],
    ["REINDEX INDEX CONCURRENTLY i;", ["concurrently-in-transaction@1"]],
    ["ALTER TABLE p DETACH PARTITION c CONCURRENTLY;", ["concurrently-in-transaction@1"]],
    ["CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);", ["concurrently-in-transaction@2"]],
  ])("invalid in the migration's transaction: %s", async (sql, expected) => {
    expect(at(await lintSql(sql, rules))).toEqual(expected);
  });

  it("sees an explicit BEGIN in a file run without a transaction", async () => {
    const sql = "BEGIN;\nCREATE INDEX CONCURRENTLY i ON users (email);\nCOMMIT;\nDROP INDEX CONCURRENTLY j;";
    expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual(["concurrently-in-transaction@2"]);
  });
});
