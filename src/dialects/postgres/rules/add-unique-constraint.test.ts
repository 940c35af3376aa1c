import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { addUniqueConstraint } from "./add-unique-constraint.js";

const rules = [addUniqueConstraint];

describe("add-unique-constraint", () => {
  it.each([
    ["ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ADD UNIQUE (a);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", ["add-unique-constraint@1"]],
    ["ALTER TABLE users ADD UNIQUE (email, name);", ["add-unique-constraint@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("fixes with a concurrent unique index and USING INDEX", async () => {
    const [f] = await lintSql("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", rules);
    expect(f!.fix).toContain("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)");
    expect(f!.fix).toContain("UNIQUE USING INDEX users_email_key");
  });
});
