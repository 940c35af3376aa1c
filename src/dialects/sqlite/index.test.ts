import { describe, expect, it } from "vitest";
import { dialectNamed } from "../index.js";
import { sqlite } from "./index.js";

describe("the sqlite dialect", () => {
  it("asks for ready() before splitting, then splits", async () => {
    expect(() => sqlite.split("SELECT 1")).toThrow(/await the dialect's ready\(\) first/);
    await sqlite.ready();
    await sqlite.ready(); // idempotent
    expect(sqlite.split("SELECT 1").map((s) => s.kind)).toEqual(["Select"]);
  });

  it("is the registry's sqlite", () => {
    expect(dialectNamed("sqlite")).toBe(sqlite);
    expect(sqlite.name).toBe("sqlite");
  });

  it("tells an error the sample values caused from one no value could pass, by SQLite's result code", async () => {
    await sqlite.ready();
    const engine = sqlite.openEngine({});
    try {
      const db = await engine.fresh();
      await db.exec("CREATE TABLE t (a INTEGER NOT NULL)");
      const codeOf = (sql: string) =>
        db.exec(sql).then(
          () => "",
          (err: { code?: string }) => err.code ?? "",
        );
      const constraint = await codeOf("INSERT INTO t VALUES (NULL)");
      const missing = await codeOf("SELECT no_such_function()");
      expect([constraint, sqlite.dependsOnValues(constraint)]).toEqual(["SQLITE_CONSTRAINT_NOTNULL", true]);
      expect([missing, sqlite.dependsOnValues(missing)]).toEqual(["SQLITE_ERROR", false]);
    } finally {
      await engine.close();
    }
  });
});
