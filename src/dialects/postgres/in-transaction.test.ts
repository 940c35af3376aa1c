import { beforeAll, describe, expect, it } from "vitest";
import { inTransactionForm } from "./in-transaction.js";
import { initParser, parseSql } from "./parse.js";

beforeAll(initParser);

const form = (sql: string) => inTransactionForm(parseSql(sql)[0]!);

describe("inTransactionForm", () => {
  it("keeps a statement that already runs in a transaction as it is", () => {
    expect(form('ALTER TABLE "User" DROP COLUMN name')).toBe('ALTER TABLE "User" DROP COLUMN name');
    expect(form("CREATE INDEX i ON t (a)")).toBe("CREATE INDEX i ON t (a)");
  });

  it("drops CONCURRENTLY from an index build or drop, keeping the rest", () => {
    expect(form('CREATE UNIQUE INDEX CONCURRENTLY "User_email_key" ON "User" (email) WHERE id > 1')).toBe(
      'CREATE UNIQUE INDEX "User_email_key" ON "User" (email) WHERE id > 1',
    );
    expect(form('DROP INDEX CONCURRENTLY IF EXISTS public."User_name_idx"')).toBe(
      'DROP INDEX IF EXISTS public."User_name_idx"',
    );
  });

  it("gives nothing for a statement that must run alone in any form", () => {
    expect(form("VACUUM t")).toBeUndefined();
    expect(form("DO $$ BEGIN COMMIT; END $$")).toBeUndefined();
    expect(form("REINDEX TABLE CONCURRENTLY t")).toBeUndefined();
  });
});
