import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { addRequiredColumn } from "./add-required-column.js";

const rules = [addRequiredColumn];

describe("add-required-column", () => {
  it.each([
    ["ALTER TABLE users ADD COLUMN role text;"],
    ["ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;"],
    ["ALTER TABLE users ADD COLUMN n bigint NOT NULL GENERATED ALWAYS AS IDENTITY;"],
    ["ALTER TABLE users ADD COLUMN n bigserial NOT NULL;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text);\nALTER TABLE t ADD COLUMN b text NOT NULL;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users ADD COLUMN role text NOT NULL;", ["add-required-column@1"]],
    ["-- c\n/* d */\nALTER TABLE users ADD COLUMN id2 int PRIMARY KEY;", ["add-required-column@3"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});
