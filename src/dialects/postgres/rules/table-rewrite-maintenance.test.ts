import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { tableRewriteMaintenance } from "./table-rewrite-maintenance.js";

const rules = [tableRewriteMaintenance];

describe("table-rewrite-maintenance", () => {
  it.each([
    ["VACUUM users;"],
    ["VACUUM (ANALYZE) users;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t SET UNLOGGED;"],
    ["ALTER TABLE users SET (fillfactor = 70);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual([]);
  });

  it.each([
    ["VACUUM FULL users;", ["table-rewrite-maintenance@1"]],
    ["VACUUM (FULL, ANALYZE) users;", ["table-rewrite-maintenance@1"]],
    ["CLUSTER users USING users_pkey;", ["table-rewrite-maintenance@1"]],
    ["ALTER TABLE users SET LOGGED;", ["table-rewrite-maintenance@1"]],
    ["ALTER TABLE users SET UNLOGGED;", ["table-rewrite-maintenance@1"]],
    ["ALTER TABLE users SET TABLESPACE fast;", ["table-rewrite-maintenance@1"]],
    ["ALTER TABLE users SET ACCESS METHOD heap2;", ["table-rewrite-maintenance@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { transactional: false });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});
