import { beforeAll, describe, expect, it } from "vitest";
import { initParser } from "./parse.js";
import { lockTimeoutStatement, plannedStatement } from "./planned.js";

beforeAll(() => initParser());

describe("plannedStatement: what a statement Lockstep writes locks and needs, read once", () => {
  it("an ALTER TABLE: its lock, the table it queues on, in a transaction", () => {
    expect(plannedStatement("ALTER TABLE users ADD COLUMN bio text", "add_column")).toEqual({
      sql: "ALTER TABLE users ADD COLUMN bio text",
      change: "add_column",
      transactional: true,
      lock: [{ mode: "ACCESS EXCLUSIVE", relation: "users" }],
      queues: ["users"],
      creates: [],
    });
  });

  it("a new table: created, no lock on an existing one", () => {
    const s = plannedStatement("CREATE TABLE notes (id bigint PRIMARY KEY)");
    expect([s.creates, s.lock, s.queues]).toEqual([["notes"], [], []]);
  });

  it("CONCURRENTLY: outside a transaction, with the form a one-transaction down runs", () => {
    const s = plannedStatement("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");
    expect(s).toMatchObject({ transactional: false, queues: [], lock: [{ mode: "SHARE UPDATE EXCLUSIVE" }] });
    expect(s.inTransaction).toBe("CREATE INDEX users_email_idx ON users (email)");
  });

  it("a DO block: its locks are its inner statements' (undefined), and it has no in-transaction form", () => {
    const s = plannedStatement("DO $$ BEGIN UPDATE users SET bio = ''; COMMIT; END $$");
    expect(s.transactional).toBe(false);
    expect(s.lock).toBeUndefined();
    expect(s.inTransaction).toBeUndefined();
  });

  it("the lock timeout a step starts with is a session setting, made without a parse", () => {
    expect(lockTimeoutStatement("2s")).toEqual(plannedStatement("SET LOCAL lock_timeout = '2s'"));
  });
});
