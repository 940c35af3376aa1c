import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { addCheckNotValid } from "./add-check-not-valid.js";

const rules = [addCheckNotValid];

describe("add-check-not-valid", () => {
  it.each([
    ["ALTER TABLE users ADD CONSTRAINT c CHECK (name IS NOT NULL) NOT VALID;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ADD CONSTRAINT c CHECK (n > 0);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([["ALTER TABLE users ADD CONSTRAINT c CHECK (score >= 0);", ["add-check-not-valid@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      const findings = await lintSql(sql, rules);
      expect(at(findings)).toEqual(expected);
      expect(findings[0]!.message.length).toBeGreaterThan(10);
      expect(findings[0]!.fix).toBeTruthy();
    },
  );
});
