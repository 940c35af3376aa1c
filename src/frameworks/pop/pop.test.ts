import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { detectFormat } from "../index.js";
import { parsePopName, popReader } from "./index.js";
import { inputError, tempFolders } from "../shared/testing.js";
import { unreadFiles } from "../shared/unread.js";
import { postgres } from "../../dialects/postgres/index.js";

const { folder } = tempFolders("lockstep-pop-");
beforeAll(() => postgres.ready());

// Versions of 20 digits, as ory's projects number them: wider than a 64-bit integer.
const V1 = "20200101000000000000";
const V2 = "20200101000000000001";
const V3 = "20210101000000000000";

describe("parsePopName", () => {
  it("reads version, name, dialect (canonical), autocommit and direction", () => {
    expect(parsePopName(`${V1}_users.postgres.up.sql`)).toEqual({
      version: V1,
      name: "users",
      dialect: "postgres",
      autocommit: false,
      direction: "up",
      type: "sql",
    });
    expect(parsePopName(`${V1}_users.sqlite.down.sql`)?.dialect).toBe("sqlite3");
    expect(parsePopName(`${V1}_users.crdb.up.sql`)?.dialect).toBe("cockroach");
    expect(parsePopName(`${V1}_users.up.sql`)).toMatchObject({ dialect: "all", autocommit: false });
    expect(parsePopName(`${V1}_index.autocommit.up.sql`)).toMatchObject({ dialect: "all", autocommit: true });
    expect(parsePopName(`${V1}_index.postgres.autocommit.up.sql`)).toMatchObject({
      dialect: "postgres",
      autocommit: true,
    });
    expect(parsePopName(`${V1}_users.up.fizz`)).toMatchObject({ type: "fizz" });
  });

  it("rejects names popx does not read", () => {
    for (const name of [`${V1}_users.oracle.up.sql`, `${V1}-users.up.sql`, `users.up.sql`, `${V1}_users.sql`])
      expect(parsePopName(name)).toBeUndefined();
  });
});

describe("pop reader", () => {
  const files = {
    [`${V1}_users.postgres.up.sql`]: "CREATE TABLE users (id uuid PRIMARY KEY);\n",
    [`${V1}_users.postgres.down.sql`]: "DROP TABLE users;\n",
    [`${V1}_users.mysql.up.sql`]: "CREATE TABLE users (id char(36) PRIMARY KEY);\n",
    [`${V1}_users.sqlite3.up.sql`]: "CREATE TABLE users (id TEXT PRIMARY KEY);\n",
    // Generic and postgres for one version: the postgres file wins.
    [`${V2}_email.up.sql`]: "SELECT 'generic';\n",
    [`${V2}_email.postgres.up.sql`]: "ALTER TABLE users ADD COLUMN email text;\n",
    [`${V2}_email.down.sql`]: "ALTER TABLE users DROP COLUMN email;\n",
    [`${V3}_email_index.autocommit.up.sql`]: "CREATE INDEX CONCURRENTLY users_email ON users (email);\n",
    [`${V3}_email_index.autocommit.down.sql`]: "DROP INDEX CONCURRENTLY users_email;\n",
    // Only for another dialect: no postgres migration for this version.
    ["20220101000000000000_tune.mysql.up.sql"]: "ALTER TABLE users ENGINE=InnoDB;\n",
    ["20230101000000000000_seed.up.fizz"]: 'sql("SELECT 1")\n',
    ["notes.sql"]: "-- scratch\n",
  };

  it("is detected by its dialect segments, before golang-migrate", () => {
    expect(detectFormat(folder(files)).name).toBe("pop");
    // Without a dialect or autocommit segment the names are golang-migrate's.
    expect(detectFormat(folder({ [`${V1}_users.up.sql`]: "SELECT 1;" })).name).toBe("golang-migrate");
  });

  it("picks the postgres file over the generic one, keeps 20-digit versions as strings, autocommit runs outside a transaction", () => {
    const dir = folder(files);
    const migrations = popReader.read(dir, postgres);
    expect(
      migrations.map((m) => [
        m.version,
        m.name,
        path.basename(m.up.file),
        m.down && path.basename(m.down.file),
        m.up.transactional,
      ]),
    ).toEqual([
      [V1, "users", `${V1}_users.postgres.up.sql`, `${V1}_users.postgres.down.sql`, true],
      [V2, "email", `${V2}_email.postgres.up.sql`, `${V2}_email.down.sql`, true],
      [V3, "email_index", `${V3}_email_index.autocommit.up.sql`, `${V3}_email_index.autocommit.down.sql`, false],
    ]);
    expect(migrations[1]!.up.text).toContain("ADD COLUMN email");
  });

  it("lists what it does not read: fizz, unknown names, other dialects in one note", () => {
    const dir = folder(files);
    const unread = unreadFiles(popReader, dir, popReader.read(dir, postgres));
    expect(unread.map((u) => [path.relative(dir, u.file) || ".", u.info ?? false])).toEqual([
      ["20230101000000000000_seed.up.fizz", false],
      ["notes.sql", false],
      [".", true],
    ]);
    expect(unread[2]!.reason).toBe(
      "files for other dialects not read (2 mysql, 1 sqlite3): Lockstep reads the postgres ones",
    );
  });

  it("refuses two files for one version, dialect and direction", () => {
    const dir = folder({
      [`${V1}_users.postgres.up.sql`]: "SELECT 1;",
      [`${V1}_people.postgresql.up.sql`]: "SELECT 2;",
    });
    expect(inputError(() => popReader.read(dir, postgres)).reason).toMatch(
      /^two up migrations for version 20200101000000000000/,
    );
  });
});
