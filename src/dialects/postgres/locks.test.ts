import { beforeAll, describe, expect, it } from "vitest";
import { statementLocks } from "./locks.js";
import { initParser, parseSql } from "./parse.js";

beforeAll(() => initParser());

const locks = (sql: string) =>
  parseSql(sql)
    .flatMap(statementLocks)
    .map((l) => `${l.mode} ${l.relation}`);

describe("statementLocks", () => {
  it.each([
    ["ALTER TABLE users DROP COLUMN legacy", ["ACCESS EXCLUSIVE users"]],
    ["ALTER TABLE users VALIDATE CONSTRAINT c", ["SHARE UPDATE EXCLUSIVE users"]],
    [
      "ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES users (id) NOT VALID",
      ["SHARE ROW EXCLUSIVE orders"],
    ],
    ["CREATE INDEX i ON users (email)", ["SHARE users"]],
    ["CREATE INDEX CONCURRENTLY i ON users (email)", ["SHARE UPDATE EXCLUSIVE users"]],
    ["DROP INDEX i", ["ACCESS EXCLUSIVE i"]],
    ["DROP INDEX CONCURRENTLY i", []],
    ["UPDATE users SET email = 'x' WHERE id < 10", ["ROW EXCLUSIVE users"]],
    ["CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f()", ["SHARE ROW EXCLUSIVE users"]],
    ["CREATE TABLE t (id int)", []],
    ["SET LOCAL lock_timeout = '2s'", []],
  ])("%s", (sql, expected) => {
    expect(locks(sql)).toEqual(expected);
  });
});
