import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { addPrimaryKey } from "./add-primary-key.js";

const rules = [addPrimaryKey];

describe("add-primary-key", () => {
  it.each([
    ["ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;"],
    ["CREATE TABLE t (a int);\nALTER TABLE t ADD PRIMARY KEY (a);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([["ALTER TABLE users ADD PRIMARY KEY (id);", ["add-primary-key@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      const findings = await lintSql(sql, rules);
      expect(at(findings)).toEqual(expected);
      expect(findings[0]!.message.length).toBeGreaterThan(10);
      expect(findings[0]!.fix).toBeTruthy();
    },
  );
});
