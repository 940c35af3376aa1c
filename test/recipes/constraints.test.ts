import { describe, expect, it } from "vitest";
import {
  allSql,
  type Case,
  expectRunnable,
  findingOf,
  planOf,
  roundTripCase,
  serverRoundTrips,
  usePglite,
} from "../helpers/plan-case.js";

const engine = usePglite();

const SHOP = `CREATE TABLE customers (
  id integer PRIMARY KEY,
  email text NOT NULL
);
CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer_id integer,
  total numeric(10,2) NOT NULL DEFAULT 0
);`;
const withFk = (fk: string) => `${SHOP}\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk ${fk};`;

const ORDERS_SEED = `INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x'), (3, 'c@x');
INSERT INTO orders VALUES (10, 1, 5), (11, 2, 7.5), (12, NULL, 0);`;

/** Sessions point at accounts by email: a key (unique, or primary) on accounts.email is what they need. */
const ACCOUNTS = `CREATE TABLE accounts (
  id integer PRIMARY KEY,
  email text NOT NULL
);`;
const SESSIONS = "CREATE TABLE sessions (id integer PRIMARY KEY, account_email text);";
const EMAIL_UNIQUE_INDEX = "CREATE UNIQUE INDEX accounts_email_key ON accounts (email);";
const EMAIL_UNIQUE = "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);";
const SESSIONS_FK =
  "ALTER TABLE sessions ADD CONSTRAINT sessions_account_email_fkey FOREIGN KEY (account_email) REFERENCES accounts (email);";
/** Accounts keyed by email alone, as the primary key. */
const ACCOUNTS_BY_EMAIL = "CREATE TABLE accounts (email text PRIMARY KEY, name text);";
const ACCOUNTS_EMAIL_UNIQUE = `CREATE TABLE accounts (email text NOT NULL, name text);\n${EMAIL_UNIQUE_INDEX}`;
const SESSIONS_SEED = `INSERT INTO accounts (id, email) VALUES (1, 'a@x'), (2, 'b@x');
INSERT INTO sessions VALUES (10, 'a@x'), (11, 'b@x'), (12, NULL);`;

const cases = {
  addForeignKey: {
    before: SHOP,
    after: withFk("FOREIGN KEY (customer_id) REFERENCES customers (id)"),
    seed: ORDERS_SEED,
  },
  addForeignKeyCascadeDeferrable: {
    before: SHOP,
    after: withFk(
      "FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
    ),
    seed: ORDERS_SEED,
  },
  addForeignKeyNotValid: {
    before: SHOP,
    after: withFk("FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID"),
    seed: ORDERS_SEED,
  },
  dropForeignKey: {
    before: withFk("FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE SET NULL"),
    after: SHOP,
    seed: ORDERS_SEED,
  },
  changeForeignKey: {
    before: withFk("FOREIGN KEY (customer_id) REFERENCES customers (id)"),
    after: withFk("FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE"),
    seed: ORDERS_SEED,
  },
  validateForeignKey: {
    before: withFk("FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID"),
    after: withFk("FOREIGN KEY (customer_id) REFERENCES customers (id)"),
    seed: ORDERS_SEED,
  },
  addCheck: {
    before: SHOP,
    after: `${SHOP}\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);`,
  },
  dropCheck: {
    before: `${SHOP}\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);`,
    after: SHOP,
  },
  changeCheck: {
    before: `${SHOP}\nALTER TABLE orders ADD CONSTRAINT orders_total_range CHECK (total >= 0);`,
    after: `${SHOP}\nALTER TABLE orders ADD CONSTRAINT orders_total_range CHECK (total >= 0 AND total < 1000000);`,
  },
  addUnique: {
    before: SHOP,
    after: `${SHOP}\nALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);`,
  },
  dropUnique: {
    before: `${SHOP}\nALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);`,
    after: SHOP,
  },
  addPrimaryKey: {
    before: "CREATE TABLE tags (name text NOT NULL, color text);",
    after: "CREATE TABLE tags (name text NOT NULL, color text, CONSTRAINT tags_pkey PRIMARY KEY (name));",
  },
  addCompositePrimaryKeyOnNullable: {
    before: "CREATE TABLE links (a integer, b integer, label text);",
    after: "CREATE TABLE links (a integer NOT NULL, b integer NOT NULL, label text, PRIMARY KEY (a, b));",
  },
  dropPrimaryKey: {
    before: "CREATE TABLE tags (name text PRIMARY KEY, color text);",
    after: "CREATE TABLE tags (name text NOT NULL, color text);",
  },
  renameKeys: {
    before: `${withFk("FOREIGN KEY (customer_id) REFERENCES customers (id)")}
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);`,
    after: `${withFk("FOREIGN KEY (customer_id) REFERENCES customers (id)").replace("id integer PRIMARY KEY,\n  email", "id integer CONSTRAINT customers_pk PRIMARY KEY,\n  email")}
ALTER TABLE customers ADD CONSTRAINT customers_email_uq UNIQUE (email);`,
    seed: ORDERS_SEED,
  },
  addExclusion: {
    before: "CREATE TABLE bookings (id integer PRIMARY KEY, during int4range NOT NULL);",
    after:
      "CREATE TABLE bookings (id integer PRIMARY KEY, during int4range NOT NULL, EXCLUDE USING gist (during WITH &&));",
  },
  quotedOtherSchema: {
    before: `CREATE SCHEMA "Sales";
CREATE TABLE "Sales"."Clients" ("ClientId" integer PRIMARY KEY, "Email" text NOT NULL);
CREATE TABLE "Sales"."Deals" ("DealId" integer PRIMARY KEY, "ClientId" integer, "Amount" integer);`,
    after: `CREATE SCHEMA "Sales";
CREATE TABLE "Sales"."Clients" ("ClientId" integer PRIMARY KEY, "Email" text NOT NULL, CONSTRAINT "Clients_Email_UQ" UNIQUE ("Email"));
CREATE TABLE "Sales"."Deals" ("DealId" integer PRIMARY KEY, "ClientId" integer REFERENCES "Sales"."Clients" ("ClientId"),
  "Amount" integer CONSTRAINT "Amount_Positive" CHECK ("Amount" > 0));`,
  },
  fkOntoNewUnique: {
    before: `${ACCOUNTS}\n${SESSIONS}`,
    after: `${ACCOUNTS}\n${SESSIONS}\n${EMAIL_UNIQUE}\n${SESSIONS_FK}`,
    seed: SESSIONS_SEED,
  },
  fkOntoNewUniqueIndex: {
    before: `${ACCOUNTS}\n${SESSIONS}`,
    after: `${ACCOUNTS}\n${SESSIONS}\n${EMAIL_UNIQUE_INDEX}\n${SESSIONS_FK.replace(";", " NOT VALID;")}`,
    seed: SESSIONS_SEED,
  },
  newTableFkOntoNewUniqueIndex: {
    before: ACCOUNTS,
    after: `${ACCOUNTS}\n${EMAIL_UNIQUE_INDEX}
CREATE TABLE sessions (id integer PRIMARY KEY, account_email text REFERENCES accounts (email));`,
  },
  fkOntoNewPrimaryKey: {
    before: `CREATE TABLE accounts (email text NOT NULL, name text);\n${SESSIONS}`,
    after: `${ACCOUNTS_BY_EMAIL}\n${SESSIONS}\n${SESSIONS_FK}`,
  },
  fkOntoReplacedKey: {
    before: `${ACCOUNTS_EMAIL_UNIQUE}\n${SESSIONS}`,
    after: `${ACCOUNTS_BY_EMAIL}\n${SESSIONS}\n${SESSIONS_FK}`,
  },
  dropUniqueIndexAndReferencingTable: {
    before: `${ACCOUNTS}\n${SESSIONS}\n${EMAIL_UNIQUE_INDEX}\n${SESSIONS_FK}`,
    after: ACCOUNTS,
    options: { allowBreaking: true },
    seed: SESSIONS_SEED,
  },
  dropUniqueAndReferencingColumn: {
    before: `${ACCOUNTS}\n${SESSIONS}\n${EMAIL_UNIQUE}\n${SESSIONS_FK}`,
    after: `${ACCOUNTS}\nCREATE TABLE sessions (id integer PRIMARY KEY);`,
    options: { allowBreaking: true },
    seed: SESSIONS_SEED,
  },
  dropReferencedTableAndReferencingColumn: {
    before: `${ACCOUNTS}\nCREATE TABLE sessions (id integer PRIMARY KEY, account_id integer REFERENCES accounts (id));`,
    after: "CREATE TABLE sessions (id integer PRIMARY KEY);",
    options: { allowBreaking: true },
  },
  dropCompositeForeignKeyColumns: {
    before: `CREATE TABLE parents (a integer, b integer, PRIMARY KEY (a, b));
CREATE TABLE children (id integer PRIMARY KEY, pa integer, pb integer, FOREIGN KEY (pa, pb) REFERENCES parents (a, b));`,
    after:
      "CREATE TABLE parents (a integer, b integer, PRIMARY KEY (a, b));\nCREATE TABLE children (id integer PRIMARY KEY);",
    options: { allowBreaking: true },
  },
  uniqueIndexBecomesPrimaryKey: {
    before: `${ACCOUNTS_EMAIL_UNIQUE}\n${SESSIONS}\n${SESSIONS_FK}`,
    after: `${ACCOUNTS_BY_EMAIL}\n${SESSIONS}\n${SESSIONS_FK}`,
    seed: `INSERT INTO accounts VALUES ('a@x', 'A'), ('b@x', 'B');\nINSERT INTO sessions VALUES (10, 'a@x'), (11, NULL);`,
  },
  primaryKeyMovesToAnotherColumn: {
    before: `CREATE TABLE accounts (id integer NOT NULL, email text NOT NULL, CONSTRAINT accounts_pkey PRIMARY KEY (id));
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);`,
    after: "CREATE TABLE accounts (email text NOT NULL, CONSTRAINT accounts_pkey PRIMARY KEY (email));",
    options: { allowBreaking: true },
    // One row: a dropped NOT NULL key column comes back with one filler value.
    seed: "INSERT INTO accounts VALUES (1, 'a@x');",
  },
  primaryKeyOnNewColumn: {
    before: "CREATE TABLE links (a integer NOT NULL, b integer NOT NULL);",
    after:
      "CREATE TABLE links (id integer NOT NULL, a integer NOT NULL, b integer NOT NULL, CONSTRAINT links_pkey PRIMARY KEY (id));",
    options: { backfills: ["links.id=a * 100 + b"], allowBreaking: true },
    seed: "INSERT INTO links VALUES (1, 2), (3, 4);",
  },
} satisfies Record<string, Case>;

describe("add_foreign_key / drop_foreign_key", () => {
  it("NOT VALID first, VALIDATE in a transaction of its own; the missing index is reported", async () => {
    const r = await planOf(cases.addForeignKey);
    expectRunnable(r);
    expect(r.changes).toEqual([expect.objectContaining({ kind: "add_foreign_key", table: "orders", risk: "risky" })]);
    expect(r.steps).toHaveLength(2);
    expect(r.steps.every((s) => s.transactional)).toBe(true);
    expect(r.steps[0]!.up).toEqual([
      "SET LOCAL lock_timeout = '2s'",
      "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id) NOT VALID",
    ]);
    expect(r.steps[1]!.up).toContain("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk");
    // The reverse of VALIDATE: the key back to NOT VALID.
    expect(r.steps[1]!.down.join("\n")).toContain("NOT VALID");
    const f = findingOf(r, "missing-foreign-key-index");
    expect(f?.severity).toBe("info");
    expect(f?.fix).toContain("CREATE INDEX CONCURRENTLY");
    const report = await roundTripCase(cases.addForeignKey, engine);
    expect(report.rows.orders).toBe(3);
  });

  it("rows that break the key make the VALIDATE step fail", async () => {
    await expect(
      roundTripCase({ ...cases.addForeignKey, seed: "INSERT INTO orders VALUES (1, 99, 0);" }, engine),
    ).rejects.toThrow(/validate.*violates foreign key constraint/is);
  });

  it("ON DELETE CASCADE and DEFERRABLE INITIALLY DEFERRED are kept", async () => {
    const r = await planOf(cases.addForeignKeyCascadeDeferrable);
    expectRunnable(r);
    expect(allSql(r)).toContain(
      "FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED NOT VALID",
    );
    await roundTripCase(
      {
        ...cases.addForeignKeyCascadeDeferrable,
        afterUp: async (db) => {
          await db.exec("BEGIN");
          await db.exec("DELETE FROM customers WHERE id = 1");
          await db.exec("COMMIT");
          const rows = await db.query<{ id: number }>("SELECT id FROM orders WHERE customer_id = 1");
          expect(rows).toEqual([]);
          await db.exec("INSERT INTO customers VALUES (1, 'a@x')");
          await db.exec("INSERT INTO orders VALUES (10, 1, 5)");
        },
      },
      engine,
    );
  });

  it("a key wanted NOT VALID is added NOT VALID, without a VALIDATE step", async () => {
    const r = await planOf(cases.addForeignKeyNotValid);
    expectRunnable(r);
    expect(r.steps).toHaveLength(1);
    expect(allSql(r)).not.toContain("VALIDATE");
    await roundTripCase(cases.addForeignKeyNotValid, engine);
  });

  it("dropping a key is safe; the down adds it back", async () => {
    const r = await planOf(cases.dropForeignKey);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "drop_foreign_key", risk: "safe" });
    expect(r.steps[0]!.up).toContain("ALTER TABLE orders DROP CONSTRAINT orders_customer_fk");
    expect(r.steps[0]!.down.join("\n")).toContain("ON DELETE SET NULL");
    await roundTripCase(cases.dropForeignKey, engine);
  });

  it("same name, other definition: dropped and added again", async () => {
    const r = await planOf(cases.changeForeignKey);
    expectRunnable(r);
    expect(r.changes.map((c) => c.kind)).toEqual(["drop_foreign_key", "add_foreign_key"]);
    const up = r.steps[0]!.up;
    expect(up.indexOf("ALTER TABLE orders DROP CONSTRAINT orders_customer_fk")).toBeLessThan(
      up.findIndex((s) => s.includes("ON DELETE CASCADE NOT VALID")),
    );
    await roundTripCase(cases.changeForeignKey, engine);
  });

  it("a NOT VALID key that becomes valid is validated in its own step", async () => {
    const r = await planOf(cases.validateForeignKey);
    expectRunnable(r);
    expect(r.changes).toEqual([expect.objectContaining({ kind: "other", object: "orders_customer_fk", risk: "safe" })]);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]!.up).toContain("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk");
    await roundTripCase(cases.validateForeignKey, engine);
  });
});

describe("add_check / drop_check", () => {
  it("NOT VALID, then VALIDATE", async () => {
    const r = await planOf(cases.addCheck);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "add_check", object: "orders_total_positive", risk: "risky" });
    expect(r.steps[0]!.up).toContain(
      "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK ((total >= (0)::numeric)) NOT VALID",
    );
    expect(r.steps[1]!.up).toContain("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive");
    await roundTripCase(cases.addCheck, engine);
  });

  it("rows that break the check make the VALIDATE fail", async () => {
    await expect(
      roundTripCase({ ...cases.addCheck, seed: "INSERT INTO orders VALUES (1, NULL, -5);" }, engine),
    ).rejects.toThrow(/validate.*check constraint/is);
  });

  it("dropping a check is safe; the down adds it back", async () => {
    const r = await planOf(cases.dropCheck);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "drop_check", risk: "safe" });
    expect(r.steps[0]!.down).toContain(
      "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK ((total >= (0)::numeric))",
    );
    await roundTripCase(cases.dropCheck, engine);
  });

  it("same name, other expression: dropped, then added NOT VALID and validated", async () => {
    const r = await planOf(cases.changeCheck);
    expectRunnable(r);
    expect(r.changes.map((c) => c.kind)).toEqual(["drop_check", "add_check"]);
    await roundTripCase(cases.changeCheck, engine);
  });
});

describe("add_unique / drop_unique", () => {
  it("unique index built CONCURRENTLY outside a transaction, then attached USING INDEX", async () => {
    const r = await planOf(cases.addUnique);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "add_unique", risk: "risky" });
    expect(r.steps).toHaveLength(2);
    expect(r.steps[0]).toMatchObject({
      transactional: false,
      up: ["CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email)"],
      down: ["DROP INDEX CONCURRENTLY IF EXISTS customers_email_key"],
    });
    expect(r.steps[1]!.transactional).toBe(true);
    expect(r.steps[1]!.up).toContain(
      "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_key",
    );
    await roundTripCase(cases.addUnique, engine);
  });

  it("duplicate values make the index build fail", async () => {
    await expect(
      roundTripCase({ ...cases.addUnique, seed: "INSERT INTO customers VALUES (1, 'same@x'), (2, 'same@x');" }, engine),
    ).rejects.toThrow(/could not create unique index/);
  });

  it("dropping a unique constraint is safe; the down adds it back", async () => {
    const r = await planOf(cases.dropUnique);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "drop_unique", risk: "safe" });
    expect(r.steps[0]!.down).toContain("ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email)");
    await roundTripCase(cases.dropUnique, engine);
  });
});

describe("add_primary_key / drop_primary_key", () => {
  it("on an existing table: unique index CONCURRENTLY, then ADD PRIMARY KEY USING INDEX", async () => {
    const r = await planOf(cases.addPrimaryKey);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "add_primary_key", object: "tags_pkey", risk: "risky" });
    expect(r.steps[0]!.up).toEqual(["CREATE UNIQUE INDEX CONCURRENTLY tags_pkey ON tags (name)"]);
    expect(r.steps[0]!.transactional).toBe(false);
    expect(r.steps[1]!.up).toContain("ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_pkey");
    await roundTripCase(cases.addPrimaryKey, engine);
  });

  it("composite key on nullable columns: NOT NULL through validated CHECKs before the key is attached", async () => {
    const r = await planOf(cases.addCompositePrimaryKeyOnNullable);
    expectRunnable(r);
    expect(r.changes.map((c) => c.kind).sort()).toEqual(["add_primary_key", "set_not_null", "set_not_null"]);
    const names = r.steps.map((s) => s.name.replace(/^.*_\d+_/, ""));
    expect(names.indexOf("validate")).toBeLessThan(names.indexOf("attach_constraints"));
    expect(allSql(r)).toContain("CREATE UNIQUE INDEX CONCURRENTLY links_pkey ON links (a, b)");
    const report = await roundTripCase(cases.addCompositePrimaryKeyOnNullable, engine);
    expect(report.rows.links).toBe(3);
  });

  it("a primary key moved to another column under the same name: the old key goes first, the column later", async () => {
    const plan = await planOf(cases.primaryKeyMovesToAnotherColumn);
    expect(plan.steps[0]!.up.join("\n")).toMatch(/DROP CONSTRAINT "?accounts_pkey"?/);
    expect(plan.steps.at(-1)!.up.join("\n")).toMatch(/DROP COLUMN id/);
    // The column's down re-adds the column only: the key comes back with the first step's down.
    expect(plan.steps.at(-1)!.down.join("\n")).not.toMatch(/PRIMARY KEY/);
    await roundTripCase(cases.primaryKeyMovesToAnotherColumn, engine);
  });

  it("a primary key on a column the plan adds and fills: attached once the column is NOT NULL", async () => {
    const plan = await planOf(cases.primaryKeyOnNewColumn);
    // Statements in the order they run.
    const up = plan.steps.flatMap((s) => s.up);
    const at = (pattern: RegExp) => up.findIndex((x) => pattern.test(x));
    expect(at(/PRIMARY KEY USING INDEX/)).toBeGreaterThan(at(/SET NOT NULL/));
    expect(at(/SET NOT NULL/)).toBeGreaterThan(at(/UPDATE/));
    await roundTripCase(cases.primaryKeyOnNewColumn, engine);
  });

  it("dropping a primary key is risky; the down adds it back", async () => {
    const r = await planOf(cases.dropPrimaryKey);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "drop_primary_key", risk: "risky" });
    expect(r.steps[0]!.up).toContain("ALTER TABLE tags DROP CONSTRAINT tags_pkey");
    expect(r.steps[0]!.down).toContain("ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY (name)");
    await roundTripCase(cases.dropPrimaryKey, engine);
  });
});

describe("renamed keys", () => {
  it("a primary key or unique constraint that only changes its name is renamed in place", async () => {
    const r = await planOf(cases.renameKeys);
    expectRunnable(r);
    expect(r.changes.map((c) => [c.kind, c.risk])).toEqual(
      expect.arrayContaining([
        ["drop_primary_key", "safe"],
        ["add_primary_key", "safe"],
        ["drop_unique", "safe"],
        ["add_unique", "safe"],
      ]),
    );
    // Dropping customers_pkey would fail: orders' foreign key depends on its index.
    expect(allSql(r)).toContain("ALTER TABLE customers RENAME CONSTRAINT customers_pkey TO customers_pk");
    expect(allSql(r)).toContain("ALTER TABLE customers RENAME CONSTRAINT customers_email_key TO customers_email_uq");
    expect(allSql(r)).not.toContain("DROP CONSTRAINT");
    expect(r.steps).toHaveLength(1);
    await roundTripCase(cases.renameKeys, engine);
  });
});

describe("foreign keys and the keys they reference", () => {
  /** Index of the first step whose statements (up or down) include one containing `text`. */
  const stepOf = (r: Awaited<ReturnType<typeof planOf>>, text: string, direction: "up" | "down" = "up") => {
    const i = r.steps.findIndex((s) => s[direction].some((sql) => sql.includes(text)));
    expect(i, `a step runs ${text}`).toBeGreaterThanOrEqual(0);
    return i;
  };

  it("a key onto a unique constraint the plan adds: added NOT VALID once it is attached, validated after", async () => {
    const r = await planOf(cases.fkOntoNewUnique);
    expectRunnable(r);
    const attach = stepOf(r, "UNIQUE USING INDEX accounts_email_key");
    const add = stepOf(r, "ADD CONSTRAINT sessions_account_email_fkey");
    expect(add).toBeGreaterThanOrEqual(attach);
    expect(r.steps[add]!.up.findIndex((s) => s.includes("USING INDEX"))).toBeLessThan(
      r.steps[add]!.up.findIndex((s) => s.includes("sessions_account_email_fkey")),
    );
    expect(r.steps[add]!.up.join("\n")).toContain("NOT VALID");
    expect(stepOf(r, "VALIDATE CONSTRAINT sessions_account_email_fkey")).toBeGreaterThan(add);
    expect(r.steps.every((s) => s.phase === "single")).toBe(true);
    await roundTripCase(cases.fkOntoNewUnique, engine);
  });

  it("a key onto a unique index the plan builds CONCURRENTLY: added after the build", async () => {
    const r = await planOf(cases.fkOntoNewUniqueIndex);
    expectRunnable(r);
    expect(stepOf(r, "ADD CONSTRAINT sessions_account_email_fkey")).toBeGreaterThan(
      stepOf(r, "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key"),
    );
    expect(allSql(r)).not.toContain("VALIDATE");
    await roundTripCase(cases.fkOntoNewUniqueIndex, engine);
  });

  it("a new table's key onto a unique index the plan builds: added after the build", async () => {
    const r = await planOf(cases.newTableFkOntoNewUniqueIndex);
    expectRunnable(r);
    expect(stepOf(r, "FOREIGN KEY (account_email)")).toBeGreaterThan(
      stepOf(r, "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key"),
    );
    expect(stepOf(r, "CREATE TABLE sessions")).toBe(0);
    await roundTripCase(cases.newTableFkOntoNewUniqueIndex, engine);
  });

  it("a key onto a primary key the plan adds: added once the primary key is attached", async () => {
    const r = await planOf(cases.fkOntoNewPrimaryKey);
    expectRunnable(r);
    expect(stepOf(r, "ADD CONSTRAINT sessions_account_email_fkey")).toBeGreaterThanOrEqual(
      stepOf(r, "PRIMARY KEY USING INDEX accounts_pkey"),
    );
    await roundTripCase(cases.fkOntoNewPrimaryKey, engine);
  });

  it("a key onto columns whose unique index gives way to a primary key: added once the old index is gone", async () => {
    const r = await planOf(cases.fkOntoReplacedKey);
    expectRunnable(r);
    expect(stepOf(r, "ADD CONSTRAINT sessions_account_email_fkey")).toBeGreaterThan(
      stepOf(r, "DROP INDEX CONCURRENTLY accounts_email_key"),
    );
    await roundTripCase(cases.fkOntoReplacedKey, engine);
  });

  it("a unique index dropped with the table that references it: the table's key goes first, and comes back last", async () => {
    const r = await planOf(cases.dropUniqueIndexAndReferencingTable);
    expectRunnable(r);
    const dropFk = stepOf(r, "DROP CONSTRAINT sessions_account_email_fkey");
    expect(dropFk).toBeLessThan(stepOf(r, "DROP INDEX CONCURRENTLY accounts_email_key"));
    expect(stepOf(r, "DROP TABLE sessions")).toBeGreaterThan(dropFk);
    // Downs run in reverse: the key is added back by the step that dropped it, after the index.
    expect(stepOf(r, "ADD CONSTRAINT sessions_account_email_fkey", "down")).toBe(dropFk);
    await roundTripCase(cases.dropUniqueIndexAndReferencingTable, engine);
  });

  it("a unique constraint dropped with the column that references it: the column's key goes first", async () => {
    const r = await planOf(cases.dropUniqueAndReferencingColumn);
    expectRunnable(r);
    const first = r.steps[0]!.up;
    expect(first.indexOf("ALTER TABLE sessions DROP CONSTRAINT sessions_account_email_fkey")).toBeLessThan(
      first.indexOf("ALTER TABLE accounts DROP CONSTRAINT accounts_email_key"),
    );
    expect(stepOf(r, "DROP COLUMN account_email")).toBeGreaterThan(0);
    await roundTripCase(cases.dropUniqueAndReferencingColumn, engine);
  });

  it("a table dropped with the column that references it: the column's key goes before the table", async () => {
    const r = await planOf(cases.dropReferencedTableAndReferencingColumn);
    expectRunnable(r);
    const up = r.steps[0]!.up;
    expect(up.indexOf("ALTER TABLE sessions DROP CONSTRAINT sessions_account_id_fkey")).toBeLessThan(
      up.indexOf("DROP TABLE accounts"),
    );
    await roundTripCase(cases.dropReferencedTableAndReferencingColumn, engine);
  });

  it("a key over two dropped columns: dropped once, added back once both columns are", async () => {
    const r = await planOf(cases.dropCompositeForeignKeyColumns);
    expectRunnable(r);
    const drops = allSql(r).match(/DROP CONSTRAINT children_pa_pb_fkey/g);
    expect(drops).toHaveLength(1);
    const down = r.steps[0]!.down;
    expect(down.findIndex((s) => s.includes("ADD CONSTRAINT children_pa_pb_fkey"))).toBeGreaterThan(
      Math.max(
        down.indexOf("ALTER TABLE children ADD COLUMN pa integer"),
        down.indexOf("ALTER TABLE children ADD COLUMN pb integer"),
      ),
    );
    await roundTripCase(cases.dropCompositeForeignKeyColumns, engine);
  });

  it("a unique index replaced by a primary key on the same column: the key that used it is dropped, then added onto the new one", async () => {
    const r = await planOf(cases.uniqueIndexBecomesPrimaryKey);
    expectRunnable(r);
    expect(stepOf(r, "DROP CONSTRAINT sessions_account_email_fkey")).toBeLessThan(
      stepOf(r, "DROP INDEX CONCURRENTLY accounts_email_key"),
    );
    const readd = r.steps.findIndex((s) =>
      s.up.some((sql) => sql.includes("ADD CONSTRAINT sessions_account_email_fkey")),
    );
    expect(readd).toBeGreaterThanOrEqual(stepOf(r, "PRIMARY KEY USING INDEX accounts_pkey"));
    expect(stepOf(r, "VALIDATE CONSTRAINT sessions_account_email_fkey")).toBeGreaterThan(readd);
    await roundTripCase(cases.uniqueIndexBecomesPrimaryKey, engine);
  });
});

describe("exclusion constraints (other)", () => {
  it("cannot be NOT VALID: added in place with add-exclusion-constraint", async () => {
    const r = await planOf(cases.addExclusion);
    expectRunnable(r);
    expect(r.verdict).toBe("WARN");
    expect(findingOf(r, "add-exclusion-constraint")?.severity).toBe("warning");
    expect(allSql(r)).toMatch(/ADD CONSTRAINT bookings_during_excl EXCLUDE USING gist \(during WITH &&\)/);
    await roundTripCase(cases.addExclusion, engine);
  });
});

describe("quoted names in a non-public schema", () => {
  it("unique, foreign key and check, all quoted and qualified", async () => {
    const r = await planOf(cases.quotedOtherSchema);
    expectRunnable(r);
    const sql = allSql(r);
    expect(sql).toContain('CREATE UNIQUE INDEX CONCURRENTLY "Clients_Email_UQ" ON "Sales"."Clients" ("Email")');
    expect(sql).toContain(
      'ALTER TABLE "Sales"."Clients" ADD CONSTRAINT "Clients_Email_UQ" UNIQUE USING INDEX "Clients_Email_UQ"',
    );
    expect(sql).toContain('ALTER TABLE "Sales"."Deals" VALIDATE CONSTRAINT "Amount_Positive"');
    expect(allSql(r, "down")).toContain('DROP INDEX CONCURRENTLY IF EXISTS "Sales"."Clients_Email_UQ"');
    await roundTripCase(cases.quotedOtherSchema, engine);
  });
});

serverRoundTrips(cases);
