import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { sqliteForeignKeysInTransaction } from "./sqlite-foreign-keys-in-transaction.js";

const rules = [sqliteForeignKeysInTransaction];

describe("sqlite-foreign-keys-in-transaction", () => {
  it.each([
    // Outside a transaction (a file its runner does not wrap): it takes effect.
    ["PRAGMA foreign_keys=OFF;\nBEGIN;\nCOMMIT;\nPRAGMA foreign_keys=ON;", false],
    // Reading it changes nothing.
    ["PRAGMA foreign_keys;", true],
    ["PRAGMA foreign_key_check;", true],
  ])("valid: %s", async (sql, transactional) => {
    expect(await lintSqlite(sql, rules, { transactional })).toEqual([]);
  });

  it.each([
    ["PRAGMA foreign_keys=OFF;\nSELECT 1;", true, ["sqlite-foreign-keys-in-transaction@1"]],
    ["BEGIN;\nPRAGMA foreign_keys = off;\nCOMMIT;", false, ["sqlite-foreign-keys-in-transaction@2"]],
  ])("invalid: %s", async (sql, transactional, expected) => {
    expect(await lintSqlite(sql, rules, { transactional })).toEqual(expected);
  });
});
