import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { volatileDefaultRewrite } from "./volatile-default-rewrite.js";

const rules = [volatileDefaultRewrite];

describe("volatile-default-rewrite", () => {
  it.each([
    ["ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;"],
    ["ALTER TABLE users ADD COLUMN at timestamptz DEFAULT now();"],
    ["ALTER TABLE users ADD COLUMN token uuid;"],
    [
      "CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();",
    ],
    ["ALTER TABLE users ADD COLUMN x text DEFAULT NULL;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", ["volatile-default-rewrite@1"]],
    ["ALTER TABLE users ADD COLUMN r float8 NOT NULL DEFAULT (random() * 10);", ["volatile-default-rewrite@1"]],
    ["ALTER TABLE users ADD COLUMN at timestamptz DEFAULT clock_timestamp();", ["volatile-default-rewrite@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("reports any DEFAULT before PostgreSQL 11", async () => {
    const sql = "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;";
    expect(at(await lintSql(sql, rules, { postgresVersion: 10 }))).toEqual(["volatile-default-rewrite@1"]);
    expect(at(await lintSql(sql, rules, { postgresVersion: 11 }))).toEqual([]);
  });

  it("fixes with SET DEFAULT and a backfill", async () => {
    const [f] = await lintSql("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", rules);
    expect(f!.fix).toContain("ALTER TABLE users ADD COLUMN token uuid;");
    expect(f!.fix).toContain("SET DEFAULT gen_random_uuid()");
  });
});
