import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { addStoredGeneratedColumn } from "./add-stored-generated-column.js";

const rules = [addStoredGeneratedColumn];

describe("add-stored-generated-column", () => {
  it.each([
    ["ALTER TABLE users ADD COLUMN n int;"],
    [
      "CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ADD COLUMN g int GENERATED ALWAYS AS (n * 2) STORED;",
    ],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users ADD COLUMN g int GENERATED ALWAYS AS (score * 2) STORED;", ["add-stored-generated-column@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});
