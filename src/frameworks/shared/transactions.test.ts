import { beforeAll, describe, expect, it } from "vitest";
import { flywayDetectsNoTransaction } from "../flyway/no-transaction.js";
import { runsAloneOutsideTransaction } from "./transactions.js";
import { postgres } from "../../dialects/postgres/index.js";

beforeAll(() => postgres.ready());

describe("runsAloneOutsideTransaction (golang-migrate, Prisma)", () => {
  it.each([
    ["CREATE INDEX CONCURRENTLY i ON t (a);", true],
    ["-- note\nDROP INDEX CONCURRENTLY IF EXISTS i", true],
    ["REINDEX TABLE CONCURRENTLY t;", true],
    ["ALTER TABLE p DETACH PARTITION c CONCURRENTLY;", true],
    ["ALTER TYPE mood ADD VALUE 'meh';", true],
    ["VACUUM t;", true],
    ["DO $$ BEGIN PERFORM 1; END $$;", true],
    ["CREATE INDEX i ON t (a);", false],
    ["ALTER TYPE mood RENAME VALUE 'a' TO 'b';", false],
    ["ANALYZE t;", false],
    ["CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);", false],
    ["CREATE INDEX CONCURRENTLY i ON t (a", false],
    ["", false],
  ])("%j → %s", (sql, expected) => {
    expect(runsAloneOutsideTransaction(sql, postgres)).toBe(expected);
  });
});

describe("flywayDetectsNoTransaction", () => {
  it.each([
    ["CREATE TABLE t (a int);\nCREATE UNIQUE INDEX CONCURRENTLY i ON t (a);", true],
    ["VACUUM ANALYZE t;", true],
    ["REINDEX DATABASE app;", true],
    ["DISCARD ALL;", true],
    ["ALTER SYSTEM SET work_mem = '64MB';", true],
    // Flyway's own list leaves these in a transaction (and PostgreSQL then refuses the first).
    ["REINDEX TABLE CONCURRENTLY t;", false],
    ["ALTER TYPE mood ADD VALUE 'meh';", false],
    ["SELECT 'concurrently, vacuum, database';", false],
  ])("%j → %s", (sql, expected) => {
    expect(flywayDetectsNoTransaction(sql, postgres)).toBe(expected);
  });
});
