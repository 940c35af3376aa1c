/**
 * The library's entry points (src/index.ts) as a script uses them: no init call, calls made at once
 * take turns on the shared embedded engine, and a failed call does not stop the next one.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diff, diffSchemas, InputError, lint, readSchema } from "../../src/index.js";
import { ROOT } from "../helpers/build.js";
import { folderOf, TEST_CACHE } from "../support.js";

const SHOP = join(ROOT, "examples/shop");
const options = { cwd: SHOP, cacheDir: TEST_CACHE };

describe("library entry points", () => {
  it("two reads at once both build their schema (they take turns on the one engine)", async () => {
    // Without turns the second emptied the first's database: `relation "customers" already exists`.
    // No cache, so both really build on the engine.
    const [history, desired] = await Promise.all([
      readSchema("migrations", { cwd: SHOP, cacheDir: undefined }),
      readSchema("schema.sql", { cwd: SHOP, cacheDir: undefined }),
    ]);
    expect(history.schema.tables.map((t) => t.name).sort()).toEqual(["customers", "order_items", "orders", "products"]);
    expect(desired.schema.tables).toHaveLength(5);
    // diffSchemas is synchronous and parses expressions: the parser was loaded with the module.
    expect(diffSchemas(history.schema, desired.schema).map((c) => c.kind)).toContain("add_unique");
  });

  it("a call that fails rejects with the located error, and the next call still runs", async () => {
    const dir = folderOf({ "broken.sql": "CREATE TABLE t (id int;\n", "ok.sql": "CREATE TABLE t (id int);\n" });
    const broken = readSchema("broken.sql", { cwd: dir, cacheDir: TEST_CACHE });
    const fine = readSchema("ok.sql", { cwd: dir, cacheDir: TEST_CACHE });
    await expect(broken).rejects.toBeInstanceOf(InputError);
    await expect(broken).rejects.toThrow(/broken\.sql:1:/);
    expect((await fine).schema.tables.map((t) => t.name)).toEqual(["t"]);
  });

  it("lint needs no engine and no init call", async () => {
    const result = await lint({ paths: ["migrations"], ...options });
    expect(result.verdict).toBe("PASS");
  });

  it("diff classifies the changes between two sources, as lockstep diff does", async () => {
    const result = await diff({ from: "migrations", to: "schema.sql", ...options });
    expect(result.verdict).toBe("WARN");
    expect(result.sources).toEqual({ from: "migrations", to: "schema.sql" });
    expect(result.changes).toContainEqual(
      expect.objectContaining({ kind: "add_unique", table: "customers", object: "customers_email_key", risk: "risky" }),
    );
    // The typed changes too, for callers that go on.
    expect(result.diff.map((c) => c.kind)).toContain("create_table");
  });
});
