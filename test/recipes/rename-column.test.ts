import { describe, expect, it } from "vitest";
import {
  allSql,
  type Case,
  expectRunnable,
  findingOf,
  planOf,
  roundTripCase,
  runScript,
  runStep,
  serverRoundTrips,
  usePglite,
} from "../helpers/plan-case.js";

const engine = usePglite();

const users = (name: string, extra = "") => `CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  ${name} text${extra}
);`;

const cases = {
  rename: {
    before: users("name"),
    after: users("full_name"),
    options: { renames: ["users.name=full_name"], allowBreaking: true },
  },
  renameNotNull: {
    before: users("name", " NOT NULL DEFAULT 'anon'"),
    after: users("full_name", " NOT NULL DEFAULT 'anon'"),
    options: { renames: ["users.name=full_name"], allowBreaking: true },
  },
  renameQuoted: {
    before: `CREATE SCHEMA "CRM";\nCREATE TABLE "CRM"."People" ("PersonId" integer PRIMARY KEY, "userName" varchar(40));`,
    after: `CREATE SCHEMA "CRM";\nCREATE TABLE "CRM"."People" ("PersonId" integer PRIMARY KEY, "UserName" varchar(40));`,
    options: { renames: ["CRM.People.userName=UserName"], allowBreaking: true },
  },
  renameCompositeKey: {
    before: "CREATE TABLE memberships (org_id integer, user_id integer, title text, PRIMARY KEY (org_id, user_id));",
    after:
      "CREATE TABLE memberships (org_id integer, user_id integer, role_title text, PRIMARY KEY (org_id, user_id));",
    options: { renames: ["memberships.title=role_title"], allowBreaking: true },
  },
  renameIndexed: {
    before: `${users("name")}\nCREATE INDEX users_name_idx ON users (name);`,
    after: `${users("full_name")}\nCREATE INDEX users_full_name_idx ON users (full_name);`,
    options: { renames: ["users.name=full_name"], allowBreaking: true },
  },
  renameTableAndColumn: {
    before: users("name"),
    after: users("full_name").replace("TABLE users", "TABLE accounts"),
    options: { renames: ["users=accounts", "users.name=full_name"], allowBreaking: true },
  },
  notRenamed: {
    before: users("name"),
    after: users("full_name"),
    options: { notRenamed: ["users.name=full_name"], allowBreaking: true },
  },
} satisfies Record<string, Case>;

describe("rename_column", () => {
  it("a drop plus an add of the same type is not guessed: blocked as a possible rename", async () => {
    const r = await planOf({ before: users("name"), after: users("full_name") });
    expect(r.verdict).toBe("BLOCK");
    expect(r.changes.map((c) => c.kind).sort()).toEqual(["add_column", "drop_column"]);
    const f = findingOf(r, "possible-rename");
    expect(f?.severity).toBe("error");
    expect(f?.fix).toContain("--rename users.name=full_name");
    expect(f?.fix).toContain("--not-renamed users.name=full_name");
  });

  it("even with --allow-breaking, the possible rename still blocks", async () => {
    const r = await planOf({ before: users("name"), after: users("full_name"), options: { allowBreaking: true } });
    expect(r.verdict).toBe("BLOCK");
    expect(findingOf(r, "possible-rename")?.severity).toBe("error");
  });

  it("--not-renamed makes it a plain drop plus add", async () => {
    const r = await planOf(cases.notRenamed);
    expectRunnable(r);
    expect(findingOf(r, "possible-rename")).toBeUndefined();
    expect(r.changes.map((c) => c.kind).sort()).toEqual(["add_column", "drop_column"]);
    await roundTripCase(cases.notRenamed, engine);
  });

  it("--rename without --allow-breaking is blocked by rename-column", async () => {
    const r = await planOf({ ...cases.rename, options: { renames: ["users.name=full_name"] } });
    expect(r.verdict).toBe("BLOCK");
    expect(findingOf(r, "rename-column")?.severity).toBe("error");
    expect(r.changes).toEqual([
      expect.objectContaining({
        kind: "rename_column",
        table: "users",
        column: "name",
        object: "full_name",
        risk: "breaking",
      }),
    ]);
  });

  it("confirmed: expand (new column + two-way trigger), backfill, contract (drop the old column)", async () => {
    const r = await planOf(cases.rename);
    expectRunnable(r);
    expect(r.verdict).toBe("WARN");
    expect(allSql(r)).not.toContain("RENAME COLUMN");
    expect(r.steps.map((s) => s.phase)).toEqual(["expand", "backfill", "contract"]);
    const [expand, backfill, contract] = r.steps;
    expect(expand!.up).toContain("ALTER TABLE users ADD COLUMN full_name text");
    expect(expand!.up.join("\n")).toMatch(
      /CREATE TRIGGER \S+ BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION/,
    );
    expect(expand!.deploy).toMatch(/reads full_name/);
    expect(backfill!.transactional).toBe(false);
    expect(backfill!.up[0]).toContain("UPDATE users SET full_name = name");
    // Emptying full_name on the way down would empty name too, through the trigger.
    expect(backfill!.down[0]).not.toContain("UPDATE");
    expect(contract!.up).toContain("ALTER TABLE users DROP COLUMN name");
    expect(contract!.deploy).toMatch(/uses only users\.full_name/);
    expect(contract!.down.join("\n")).toContain("UPDATE users SET name = full_name");
    const report = await roundTripCase(
      {
        ...cases.rename,
        afterUp: async (db) => {
          const rows = await db.query<{ full_name: string }>("SELECT full_name FROM users ORDER BY id");
          expect(rows.map((x) => x.full_name)).toEqual(["v1", "v2", "v3"]);
        },
        afterDown: async (db) => {
          const rows = await db.query<{ name: string }>("SELECT name FROM users ORDER BY id");
          expect(rows.map((x) => x.name)).toEqual(["v1", "v2", "v3"]);
        },
      },
      engine,
    );
    expect(report.rows.users).toBe(3);
  });

  it("between expand and contract, old and new code both work: the trigger keeps the columns in step", async () => {
    const r = await planOf(cases.rename);
    const db = await engine.fresh();
    try {
      await runScript(db, users("name"));
      await runStep(db, r.steps[0]!, "up");
      await db.exec("INSERT INTO users (email, name) VALUES ('old@x', 'Old Code')");
      await db.exec("INSERT INTO users (email, full_name) VALUES ('new@x', 'New Code')");
      await db.exec("UPDATE users SET full_name = 'Renamed' WHERE email = 'old@x'");
      const rows = await db.query<{ name: string; full_name: string }>("SELECT name, full_name FROM users ORDER BY id");
      expect(rows).toEqual([
        { name: "Renamed", full_name: "Renamed" },
        { name: "New Code", full_name: "New Code" },
      ]);
    } finally {
      await db.close();
    }
  });

  it("a NOT NULL column with a default: the new column becomes NOT NULL through a validated CHECK", async () => {
    const r = await planOf(cases.renameNotNull);
    expectRunnable(r);
    const sql = allSql(r);
    expect(sql).toContain("ALTER TABLE users ADD COLUMN full_name text DEFAULT 'anon'::text");
    expect(sql).toContain("CHECK (full_name IS NOT NULL) NOT VALID");
    expect(sql).toContain("ALTER TABLE users VALIDATE CONSTRAINT users_full_name_not_null");
    expect(r.steps.map((s) => s.phase)).toEqual(["expand", "backfill", "contract", "contract", "contract"]);
    await roundTripCase(cases.renameNotNull, engine);
  });

  it("quoted mixed-case names in a non-public schema", async () => {
    const r = await planOf(cases.renameQuoted);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({
      kind: "rename_column",
      table: "CRM.People",
      column: "userName",
      object: "UserName",
    });
    const sql = allSql(r);
    expect(sql).toContain('ALTER TABLE "CRM"."People" ADD COLUMN "UserName" character varying(40)');
    expect(sql).toContain('UPDATE "CRM"."People" SET "UserName" = "userName"');
    expect(sql).toContain('ALTER TABLE "CRM"."People" DROP COLUMN "userName"');
    await roundTripCase(cases.renameQuoted, engine);
  });

  it("a composite primary key: the backfill walks the key as a row, and it round-trips", async () => {
    const r = await planOf(cases.renameCompositeKey);
    expectRunnable(r);
    const backfill = r.steps.find((s) => s.phase === "backfill")!;
    expect(backfill.up[0]).toMatch(/^DO \$lockstep\$/);
    expect(backfill.up[0]).toContain("AND (role_title IS DISTINCT FROM title)");
    const report = await roundTripCase(cases.renameCompositeKey, engine);
    expect(report.rows.memberships).toBe(3);
  });

  it("an indexed column: the new index is built CONCURRENTLY, the old one goes with the old column", async () => {
    const r = await planOf(cases.renameIndexed);
    expectRunnable(r);
    expect(r.changes.map((c) => c.kind).sort()).toEqual(["add_index", "rename_column"]);
    const concurrent = r.steps.find((s) => !s.transactional && s.up[0]!.includes("CONCURRENTLY"))!;
    expect(concurrent.up[0]).toMatch(/CREATE INDEX CONCURRENTLY users_full_name_idx ON users/);
    // The contract's down brings the old column back with its index.
    expect(r.steps.at(-1)!.down.join("\n")).toMatch(/CREATE INDEX users_name_idx ON users/);
    await roundTripCase(cases.renameIndexed, engine);
  });

  it("a column renamed in a renamed table", async () => {
    const r = await planOf(cases.renameTableAndColumn);
    expectRunnable(r);
    expect(r.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(["rename_table", "rename_column"]));
    expect(r.changes.map((c) => c.kind)).not.toContain("drop_column");
    expect(allSql(r)).toContain("UPDATE accounts SET full_name = name");
    await roundTripCase(cases.renameTableAndColumn, engine);
  });
});

serverRoundTrips(cases);
