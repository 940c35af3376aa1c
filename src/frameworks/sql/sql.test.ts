import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Step } from "../../plan/model.js";
import { InputError } from "../../util/errors.js";
import { ONE_TRANSACTION_NOTE, sqlReader, sqlWriter } from "./index.js";
import {
  addColumn,
  addColumnFiles,
  addIndex,
  dropPicture as contract,
  expectInputError,
  expectMissingFolderError,
  expectReadError,
  expectRoundTrip,
  now,
  tempFolders,
} from "../shared/testing.js";
import { postgres } from "../../dialects/postgres/index.js";

const { root, folder } = tempFolders("lockstep-sql-");
beforeAll(() => postgres.ready());

const dropPicture: Step = {
  ...contract,
  deploy: "The code that no longer reads users.picture.\nThen wait for old instances to drain.",
};

describe("plain SQL reader", () => {
  it("orders files naturally and finds downs beside them or in down/", () => {
    const dir = folder({
      "10_third.sql": "SELECT 10;",
      "2_second.sql": "\ufeffSELECT 2;\r\n",
      "2_second.down.sql": "SELECT -2;",
      "1_first.sql": "",
      "down/1_first.sql": "SELECT -1;",
      "schema.sql": "SELECT 0;",
      "notes.txt": "ignored",
    });
    const migrations = sqlReader.read(dir, postgres);
    expect(migrations.map((m) => [m.version, m.name, m.up.text, m.down?.text])).toEqual([
      ["1", "first", "", "SELECT -1;"],
      ["2", "second", "SELECT 2;\r\n", "SELECT -2;"],
      ["10", "third", "SELECT 10;", undefined],
      ["schema", "schema", "SELECT 0;", undefined],
    ]);
    expect(migrations[1]!.down).toEqual({
      text: "SELECT -2;",
      file: path.join(dir, "2_second.down.sql"),
      startLine: 1,
      transactional: true,
    });
  });

  it("reads Lockstep's no-transaction marker in the leading comments only", () => {
    const marker = "-- lockstep: no-transaction (run outside a transaction)";
    const dir = folder({
      "1_a.sql": `-- header\n${marker}\nCREATE INDEX CONCURRENTLY i ON t (a);\n`,
      "2_b.sql": `SELECT 1;\n${marker}\n`,
    });
    expect(sqlReader.read(dir, postgres).map((m) => m.up.transactional)).toEqual([false, true]);
  });

  it("reports two downs for one file", () => {
    const dir = folder({ "1_a.sql": "", "1_a.down.sql": "", "down/1_a.sql": "" });
    expectReadError(sqlReader, dir, { file: "1_a.down.sql" }, "two downs for 1_a.sql: 1_a.down.sql and down/1_a.sql");
  });

  it("rejects a binary file with its location", () => {
    const dir = folder({ "1_a.sql": Buffer.from("SELECT 1;\n\u0000") });
    expectReadError(sqlReader, dir, { file: "1_a.sql", line: 2 }, "binary file (it holds a NUL byte)");
  });

  it("reports a missing folder and a file given as the folder", () => {
    expectMissingFolderError(sqlReader, root);
    const file = path.join(folder({ "a.sql": "" }), "a.sql");
    expectInputError(() => sqlReader.read(file, postgres), { file }, "not a folder (expected a migrations folder)");
  });
});

describe("plain SQL writer", () => {
  it("writes NNNN_ files in a new folder", () => {
    const files = sqlWriter.plan(
      {
        steps: [addColumn],
        name: "add_avatar",
        dir: path.join(root, "new"),
        now,
      },
      postgres,
    );
    // A transactional file says how to run it: its SET LOCAL lock_timeout needs the transaction.
    const oneTransaction = (f: { path: string; content: string }) => ({
      ...f,
      content: f.content.replace("\n\nALTER", `\n-- ${ONE_TRANSACTION_NOTE}\n\nALTER`),
    });
    expect(files).toEqual(addColumnFiles("0001_add_avatar.sql", "0001_add_avatar.down.sql").map(oneTransaction));
  });

  it("continues the folder's numbering and width, marks the non-transactional step, keeps downs in down/", () => {
    const dir = folder({ "007_a.sql": "", "012_b.sql": "", "down/012_b.sql": "" });
    const files = sqlWriter.plan({ steps: [addColumn, addIndex, dropPicture], name: "add_avatar", dir, now }, postgres);
    expect(files.map((f) => f.path)).toEqual([
      "013_add_avatar_1_expand.sql",
      "down/013_add_avatar_1_expand.sql",
      "014_add_avatar_2.sql",
      "down/014_add_avatar_2.sql",
      "015_add_avatar_3_contract.sql",
      "down/015_add_avatar_3_contract.sql",
    ]);
    expect(files[2]!.content).toMatch(
      /^-- lockstep: no-transaction \(run outside a transaction\)\n-- Lockstep step add_avatar_2 \(up\)\n/,
    );
    expect(files[3]!.content).toMatch(/^-- lockstep: no-transaction/);
    expect(files[0]!.content).not.toContain("no-transaction");
    expect(files[5]!.content).toBe(
      [
        "-- Lockstep step add_avatar_3_contract (down)",
        "-- Phase: contract",
        "-- Deploy: The code that no longer reads users.picture.",
        "-- Then wait for old instances to drain.",
        "-- DATA LOSS: users.picture values are not restored.",
        `-- ${ONE_TRANSACTION_NOTE}`,
        "",
        "ALTER TABLE users ADD COLUMN picture text;",
        "",
      ].join("\n"),
    );
  });

  it("refuses to number after a file without a number, which would run last", () => {
    const dir = folder({ "0001_init.sql": "", "seed.sql": "" });
    expect(() => sqlWriter.plan({ steps: [addColumn], name: "x", dir, now }, postgres)).toThrow(
      new InputError("cannot name a new migration that sorts after seed.sql", path.join(dir, "seed.sql")),
    );
  });

  it("round-trips through the reader", () => {
    const steps = [addColumn, addIndex, dropPicture];
    const dir = folder({
      "0001_init.sql": "CREATE TABLE users (picture text);",
      "0001_init.down.sql": "DROP TABLE users;",
    });
    const read = expectRoundTrip(sqlWriter, sqlReader, dir, steps, now);
    expect(read.map((m) => m.version)).toEqual(["0002", "0003", "0004"]);
  });
});
