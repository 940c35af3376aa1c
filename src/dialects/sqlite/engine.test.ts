import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EngineError } from "../../engines/engine.js";
import { sqlite } from "./index.js";
import { sqlJs } from "./sqljs.js";

describe("sqlite engine (sql.js)", () => {
  const engine = sqlite.openEngine({});
  afterAll(() => engine.close());

  it("hands out isolated in-memory databases with foreign keys on", async () => {
    const a = await engine.fresh();
    const b = await engine.fresh();
    await a.exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    expect(await a.query("SELECT name FROM sqlite_schema")).toEqual([{ name: "t" }]);
    expect(await b.query("SELECT name FROM sqlite_schema")).toEqual([]);
    expect(await a.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    await a.exec("CREATE TABLE c (id INTEGER PRIMARY KEY, t_id INTEGER REFERENCES t (id))");
    await expect(a.exec("INSERT INTO c VALUES (1, 42)")).rejects.toThrow(/FOREIGN KEY constraint failed/);
    await b.close();
    await a.close();
  });

  it("reports SQLite's version as one number, and runs queries with parameters", async () => {
    const db = await engine.fresh();
    const [{ v }] = (await db.query<{ v: string }>("SELECT sqlite_version() AS v")) as [{ v: string }];
    const [major, minor, patch] = v.split(".").map(Number) as [number, number, number];
    expect(db.serverVersion).toBe(major * 1_000_000 + minor * 1_000 + patch);
    expect(db.serverVersion).toBeGreaterThanOrEqual(3_035_000);
    await db.exec("CREATE TABLE t (a INTEGER, b TEXT, c BLOB); INSERT INTO t VALUES (1, 'x', NULL)");
    await db.query("INSERT INTO t VALUES (?, ?, ?)", [2, "y", true]);
    expect(await db.query("SELECT a, b, c FROM t WHERE a > ? ORDER BY a", [0])).toEqual([
      { a: 1, b: "x", c: null },
      { a: 2, b: "y", c: 1 },
    ]);
    await db.close();
  });

  it("turns SQLite's errors into EngineError with its message and code", async () => {
    const db = await engine.fresh();
    const err = await db.exec("SELECT * FROM nowhere").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ message: "no such table: nowhere", code: "SQLITE_ERROR" });
    await expect(db.query("SELEC 1")).rejects.toBeInstanceOf(EngineError);
    await db.close();
  });

  it("resets a database to empty, foreign keys on again", async () => {
    const db = await engine.fresh();
    await db.exec("CREATE TABLE t (a INT); PRAGMA foreign_keys = OFF");
    await db.reset();
    expect(await db.query("SELECT name FROM sqlite_schema")).toEqual([]);
    expect(await db.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    await db.close();
  });

  it("reads a database file given as sqlite:PATH, and never writes it", async () => {
    await sqlite.ready();
    const dir = mkdtempSync(join(tmpdir(), "lockstep-sqlite-"));
    const file = join(dir, "app.db");
    const seed = new (sqlJs().Database)();
    seed.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('kept')");
    writeFileSync(file, seed.export());
    seed.close();
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;

    const fileEngine = sqlite.openEngine({ devUrl: `sqlite:${file}` });
    const db = await fileEngine.fresh();
    expect(await db.query("SELECT body FROM notes")).toEqual([{ body: "kept" }]);
    await db.exec("DROP TABLE notes; CREATE TABLE other (a INT)");
    await db.reset();
    expect(await db.query("SELECT body FROM notes")).toEqual([{ body: "kept" }]);
    await fileEngine.close();

    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it("says which file it cannot read, and what URL it expects", () => {
    expect(() => sqlite.openEngine({ devUrl: "sqlite:/nonexistent/app.db" })).toThrow(
      /cannot read the SQLite database \/nonexistent\/app\.db/,
    );
    expect(() => sqlite.openEngine({ devUrl: "postgres://localhost/db" })).toThrow(/expected sqlite:PATH/);
  });
});
