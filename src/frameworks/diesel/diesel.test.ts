import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dieselReader, dieselWriter } from "./index.js";
import {
  addColumn,
  addColumnFiles,
  addIndex,
  dropPicture,
  expectMissingFolderError,
  expectReadError,
  expectRoundTrip,
  inputError,
  now,
  tempFolders,
} from "../shared/testing.js";
import { postgres } from "../../dialects/postgres/index.js";

const { root, folder } = tempFolders("lockstep-diesel-");
beforeAll(() => postgres.ready());

const readError = (dir: string) => inputError(() => dieselReader.read(dir, postgres));

describe("Diesel reader", () => {
  it("reads folders in version order with their metadata.toml", () => {
    const dir = folder({
      "2024-01-02-000000_second/up.sql": "CREATE INDEX CONCURRENTLY i ON t (a);",
      "2024-01-02-000000_second/down.sql": "DROP INDEX CONCURRENTLY i;",
      "2024-01-02-000000_second/metadata.toml": "# Diesel\nrun_in_transaction = false # needed for CONCURRENTLY\n",
      "00000000000000_diesel_initial_setup/up.sql": "SELECT 0;",
      "2024-01-01-000000_first/up.sql": "\ufeffCREATE TABLE t (a int);\r\n",
      "2024-01-01-000000_first/down.sql": "",
      "2024-01-03-000000_third/up.sql": "SELECT 3;",
      "2024-01-03-000000_third/metadata.toml": "",
      "README.md": "ignored",
    });
    fs.mkdirSync(path.join(dir, "empty_folder_is_ignored"));
    const migrations = dieselReader.read(dir, postgres);
    expect(migrations.map((m) => [m.version, m.name, m.up.transactional, m.down?.text])).toEqual([
      ["00000000000000", "diesel_initial_setup", true, undefined],
      ["20240101000000", "first", true, ""],
      ["20240102000000", "second", false, "DROP INDEX CONCURRENTLY i;"],
      // Diesel's serde default: a metadata.toml that does not set the key means false.
      ["20240103000000", "third", false, undefined],
    ]);
    expect(migrations[1]!.up).toEqual({
      text: "CREATE TABLE t (a int);\r\n",
      file: path.join(dir, "2024-01-01-000000_first", "up.sql"),
      startLine: 1,
      transactional: true,
    });
    expect(migrations[2]!.down!.transactional).toBe(false);
  });

  it("reports a folder without up.sql, a bad metadata value and a duplicate version", () => {
    const noUp = folder({ "2024-01-01-000000_x/down.sql": "" });
    expectReadError(dieselReader, noUp, { file: "2024-01-01-000000_x" }, "a Diesel migration folder needs an up.sql");
    const bad = folder({ "1_x/up.sql": "", "1_x/metadata.toml": '\nrun_in_transaction = "no"\n' });
    expectReadError(
      dieselReader,
      bad,
      { file: path.join("1_x", "metadata.toml"), line: 2 },
      'run_in_transaction must be true or false, not "no"',
    );
    const twice = folder({ "2024-01-01-000000_a/up.sql": "", "20240101000000_b/up.sql": "" });
    expect(readError(twice).message).toContain("two migrations with version 20240101000000");
  });

  it("rejects a binary file with its location", () => {
    const dir = folder({ "1_x/up.sql": Buffer.from([0x00]) });
    expectReadError(
      dieselReader,
      dir,
      { file: path.join("1_x", "up.sql"), line: 1 },
      "binary file (it holds a NUL byte)",
    );
  });

  it("reports a missing folder", () => {
    expectMissingFolderError(dieselReader, root);
  });
});

describe("Diesel writer", () => {
  it("writes a dashed-timestamp folder", () => {
    const files = dieselWriter.plan({ steps: [addColumn], name: "add_avatar", dir: folder(), now }, postgres);
    expect(files).toEqual(
      addColumnFiles("2025-03-04-102030_add_avatar/up.sql", "2025-03-04-102030_add_avatar/down.sql"),
    );
  });

  it("follows bare timestamps, continues after a later version, adds metadata.toml for the non-transactional step", () => {
    const dir = folder({ "20990101000000_future/up.sql": "" });
    const files = dieselWriter.plan(
      {
        steps: [addColumn, addIndex, dropPicture],
        name: "add_avatar",
        dir,
        now,
      },
      postgres,
    );
    expect(files.map((f) => f.path)).toEqual([
      "20990101000001_add_avatar_1_expand/up.sql",
      "20990101000001_add_avatar_1_expand/down.sql",
      "20990101000002_add_avatar_2/up.sql",
      "20990101000002_add_avatar_2/down.sql",
      "20990101000002_add_avatar_2/metadata.toml",
      "20990101000003_add_avatar_3_contract/up.sql",
      "20990101000003_add_avatar_3_contract/down.sql",
    ]);
    expect(files[4]!.content).toBe("run_in_transaction = false\n");
    expect(files[6]!.content).toContain("-- DATA LOSS: users.picture values are not restored.\n");
  });

  it("refuses a version that would sort before an existing one in Diesel's string order", () => {
    const dir = folder({ "3_third/up.sql": "" });
    expect(() => dieselWriter.plan({ steps: [addColumn], name: "x", dir, now }, postgres)).toThrow(
      /cannot give a new migration a version that sorts after 3$/,
    );
  });

  it("round-trips through the reader", () => {
    const steps = [addColumn, addIndex, dropPicture];
    const dir = folder({
      "00000000000000_diesel_initial_setup/up.sql": "CREATE TABLE users (picture text);",
      "00000000000000_diesel_initial_setup/down.sql": "DROP TABLE users;",
    });
    const read = expectRoundTrip(dieselWriter, dieselReader, dir, steps, now);
    expect(read.map((m) => m.version)).toEqual(["20250304102030", "20250304102031", "20250304102032"]);
  });
});
