import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

/** An ory-style Pop folder: 20-digit versions, a file per dialect, a generic fallback, an autocommit index. */
const V = ["20200101000000000000", "20200101000000000001", "20210101000000000000"];
const dir = folderOf({
  [`sql/${V[0]}_users.postgres.up.sql`]: "CREATE TABLE users (id uuid PRIMARY KEY, nid uuid);\n",
  [`sql/${V[0]}_users.postgres.down.sql`]: "DROP TABLE users;\n",
  [`sql/${V[0]}_users.mysql.up.sql`]: "CREATE TABLE users (id char(36) PRIMARY KEY, nid char(36)) ENGINE=InnoDB;\n",
  [`sql/${V[0]}_users.mysql.down.sql`]: "DROP TABLE users;\n",
  [`sql/${V[1]}_email.up.sql`]: "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN email text;\n",
  [`sql/${V[1]}_email.down.sql`]: "ALTER TABLE users DROP COLUMN email;\n",
  [`sql/${V[2]}_email_index.postgres.autocommit.up.sql`]: "CREATE INDEX CONCURRENTLY users_email ON users (email);\n",
  [`sql/${V[2]}_email_index.postgres.autocommit.down.sql`]: "DROP INDEX CONCURRENTLY users_email;\n",
  [`sql/${V[2]}_email_index.mysql.up.sql`]: "CREATE INDEX users_email ON users (email);\n",
  [`sql/${V[2]}_email_index.mysql.down.sql`]: "DROP INDEX users_email ON users;\n",
});

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

describe.each(engines)("a Pop / fizz folder on %s", (_name, engineArgs) => {
  const cli = (...args: string[]) => runCli([...args, "--cache-dir", TEST_CACHE, ...engineArgs], dir);

  it("verify runs the postgres files up, down and up again; the autocommit one outside a transaction", async () => {
    const run = await cli("verify", "sql", "--format", "json");
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as {
      verdict: string;
      migrations: { file: string; roundTrip: string }[];
      findings: { rule: string; severity: string; message: string }[];
    };
    expect(json.migrations.map((m) => [m.file, m.roundTrip])).toEqual([
      [`sql/${V[0]}_users.postgres.up.sql`, "equal"],
      [`sql/${V[1]}_email.up.sql`, "equal"],
      [`sql/${V[2]}_email_index.postgres.autocommit.up.sql`, "equal"],
    ]);
    expect(json.findings).toEqual([
      expect.objectContaining({
        rule: "unread-file",
        severity: "info",
        message: "files for other dialects not read (4 mysql): Lockstep reads the postgres ones: not read",
      }),
    ]);
    expect(json.verdict).toBe("PASS");
  }, 120_000);
});

describe("lint on a Pop folder", () => {
  it("lints the postgres files only (CONCURRENTLY in the autocommit file is not in a transaction)", async () => {
    const run = await runCli(["lint", "sql", "--format", "json"], dir);
    const json = JSON.parse(run.stdout) as { findings: { rule: string; file: string }[] };
    expect(json.findings.map((f) => `${f.rule} ${f.file}`)).toEqual(["unread-file sql"]);
  });
});
