import { describe, expect, it } from "vitest";
import { at, lintSql, testSchema, testTable } from "../../../lint/testing.js";
import { unbatchedBackfill } from "./unbatched-backfill.js";

const rules = [unbatchedBackfill];

describe("unbatched-backfill", () => {
  it.each([
    ["UPDATE users SET score = 0 WHERE id BETWEEN 1 AND 1000;"],
    ["UPDATE users SET score = 0 WHERE id >= 1000 AND id < 2000;"],
    ["DELETE FROM users WHERE id IN (SELECT id FROM users WHERE score IS NULL LIMIT 500);"],
    ["DO $$ BEGIN UPDATE users SET score = 0; END $$;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nINSERT INTO t (id) VALUES (1);\nUPDATE t SET a = 'x';"],
    ["INSERT INTO users (id) VALUES (1);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["UPDATE users SET score = 0;", ["unbatched-backfill@1"]],
    ["UPDATE users SET name = 'x' WHERE name IS NULL;", ["unbatched-backfill@1"]],
    ["DELETE FROM orders WHERE total < 10;", ["unbatched-backfill@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("fixes with key-range batches that keep the condition", async () => {
    const [f] = await lintSql("UPDATE users SET name = 'x' WHERE name IS NULL;", rules);
    expect(f!.fix).toContain(
      "UPDATE users SET name = 'x' WHERE (name IS NULL) AND id >= :start AND id < :start + 10000;",
    );
  });

  it("uses the primary key from --schema", async () => {
    const schema = testSchema([
      testTable(
        "accounts",
        { key: "bigint", score: "integer" },
        { primaryKey: { name: "accounts_pkey", columns: ["key"] } },
      ),
    ]);
    expect(at(await lintSql("UPDATE accounts SET score = 0 WHERE key < 1000;", rules, { schema }))).toEqual([]);
    expect(at(await lintSql("UPDATE accounts SET score = 0 WHERE score < 1000;", rules, { schema }))).toEqual([
      "unbatched-backfill@1",
    ]);
  });
});
