import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { detachPartitionWithoutConcurrently } from "./detach-partition-without-concurrently.js";

const rules = [detachPartitionWithoutConcurrently];

describe("detach-partition-without-concurrently", () => {
  it.each([
    ["ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;"],
    ["CREATE TABLE p (a int) PARTITION BY RANGE (a);\nALTER TABLE p DETACH PARTITION c;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([["ALTER TABLE events DETACH PARTITION events_2020;", ["detach-partition-without-concurrently@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      const findings = await lintSql(sql, rules);
      expect(at(findings)).toEqual(expected);
      expect(findings[0]!.message.length).toBeGreaterThan(10);
      expect(findings[0]!.fix).toBeTruthy();
    },
  );

  it("only from PostgreSQL 14, where CONCURRENTLY exists", async () => {
    expect(
      at(await lintSql("ALTER TABLE events DETACH PARTITION events_2020;", rules, { postgresVersion: 13 })),
    ).toEqual([]);
  });
});
