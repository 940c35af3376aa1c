import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { dropSchema } from "./drop-schema.js";

const rules = [dropSchema];

describe("drop-schema", () => {
  it.each([["DROP TABLE t;"], ["CREATE SCHEMA s;"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([["DROP SCHEMA billing CASCADE;", ["drop-schema@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});
