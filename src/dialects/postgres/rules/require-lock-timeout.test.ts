import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { requireLockTimeout } from "./require-lock-timeout.js";

const rules = [requireLockTimeout];

describe("require-lock-timeout", () => {
  it.each([
    ["SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;"],
    ["SET LOCAL lock_timeout TO 5000;\nDROP TABLE users;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ADD COLUMN b text;"],
    ["CREATE INDEX CONCURRENTLY i ON users (email);"],
    [
      "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
    ],
    ["ALTER TABLE orders VALIDATE CONSTRAINT fk;"],
    ["UPDATE users SET a = 1 WHERE id < 10;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users DROP CONSTRAINT users_pkey;", ["require-lock-timeout@1"]],
    ["CREATE INDEX i ON users (email);", ["require-lock-timeout@1"]],
    [
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
      ["require-lock-timeout@1"],
    ],
    ["VACUUM FULL users;", ["require-lock-timeout@1"]],
    ["ALTER TABLE users ADD COLUMN bio text;\nSET lock_timeout = '2s';", ["require-lock-timeout@1"]],
    ["SET lock_timeout = 0;\nTRUNCATE users;", ["require-lock-timeout@2"]],
    ["SET lock_timeout = '2s';\nRESET lock_timeout;\nALTER TABLE users RENAME TO people;", ["require-lock-timeout@3"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("keeps SET LOCAL only until the transaction ends", async () => {
    const sql =
      "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;\nALTER TABLE users ADD COLUMN b text;";
    expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual(["require-lock-timeout@5"]);
  });
});
