import { beforeAll, describe, expect, it } from "vitest";
import { initParser, parseSql } from "./parse.js";
import { accessExclusiveTargets } from "./locks.js";
import { alterTable, dmlTarget, notNullCheckColumn, addedConstraint } from "./statements.js";

const one = (sql: string) => parseSql(sql)[0]!;

describe("parse-tree readers", () => {
  beforeAll(() => initParser());

  it.each([
    ["ALTER TABLE users ADD COLUMN a text", ["users"]],
    ["ALTER TABLE users VALIDATE CONSTRAINT c", []],
    ["ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES users (id)", []],
    ["ALTER TABLE p DETACH PARTITION c CONCURRENTLY", []],
    ["ALTER TABLE p DETACH PARTITION c", ["p"]],
    ["DROP TABLE a, billing.b", ["a", "billing.b"]],
    ["DROP INDEX CONCURRENTLY i", []],
    ["TRUNCATE a, b", ["a", "b"]],
    ["VACUUM FULL users", ["users"]],
    ["VACUUM users", []],
    ["CLUSTER users USING i", ["users"]],
    ["ALTER TABLE users RENAME TO people", ["users"]],
    ["CREATE INDEX i ON users (a)", []],
    ["UPDATE users SET a = 1", []],
  ])("ACCESS EXCLUSIVE targets of %s", (sql, expected) => {
    expect(accessExclusiveTargets(one(sql))).toEqual(expected);
  });

  it("reads ALTER TABLE commands, DML targets and CHECK (c IS NOT NULL)", () => {
    const alter = alterTable(
      one("ALTER TABLE ONLY billing.invoices ADD CONSTRAINT c CHECK (total IS NOT NULL) NOT VALID"),
    )!;
    expect(alter.table).toBe("billing.invoices");
    expect(notNullCheckColumn(addedConstraint(alter.cmds[0]!)!)).toBe("total");
    expect(
      notNullCheckColumn(addedConstraint(alterTable(one("ALTER TABLE t ADD CHECK (a > 0)"))!.cmds[0]!)!),
    ).toBeUndefined();
    expect(alterTable(one("ALTER INDEX i SET (fillfactor = 70)"))).toBeUndefined();
    expect(dmlTarget(one("DELETE FROM users WHERE id = 1"))).toBe("users");
    expect(dmlTarget(one("SELECT 1"))).toBeUndefined();
  });
});
