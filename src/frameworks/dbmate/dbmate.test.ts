import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Step } from "../../plan/model.js";
import { dbmateReader, dbmateWriter } from "./index.js";
import {
  addColumn as expand,
  addIndex,
  dropPicture,
  expectMissingFolderError,
  expectReadError,
  expectRoundTrip,
  inputError,
  tempFolders,
} from "../shared/testing.js";
import { postgres } from "../../dialects/postgres/index.js";

const { root, folder } = tempFolders("lockstep-dbmate-");
beforeAll(() => postgres.ready());

const readError = (dir: string) => inputError(() => dbmateReader.read(dir, postgres));

// Milliseconds past the second: file names use whole seconds.
const now = new Date(Date.UTC(2025, 2, 4, 10, 20, 30, 456));

const addColumn: Step = { ...expand, deploy: "Nothing first: the new column is nullable." };

describe("dbmate reader", () => {
  it("reads sections, options and lines, in file-name order", () => {
    const dir = folder({
      "20240102000000_second.sql":
        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY i;\n",
      "20240101000000_first.sql":
        "-- a comment first\n\n--migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;\n",
      "README.md": "not a migration",
      "notes.sql": "-- no version: dbmate ignores it",
    });
    const migrations = dbmateReader.read(dir, postgres);
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      ["20240101000000", "first"],
      ["20240102000000", "second"],
    ]);
    const [first, second] = migrations;
    expect(first!.up).toEqual({
      text: "CREATE TABLE t (a int);\n",
      file: path.join(dir, "20240101000000_first.sql"),
      startLine: 4,
      transactional: true,
    });
    expect(first!.down).toMatchObject({ text: "DROP TABLE t;\n", startLine: 6, transactional: true });
    expect(second!.up).toMatchObject({ startLine: 2, transactional: false });
    expect(second!.down).toMatchObject({
      text: "DROP INDEX CONCURRENTLY i;\n",
      startLine: 5,
      transactional: false,
    });
  });

  it("handles CRLF, a BOM and an empty down", () => {
    const dir = folder({
      "1_x.sql": Buffer.from("\ufeff-- migrate:up transaction:false\r\nVACUUM t;\r\n-- migrate:down\r\n", "utf8"),
    });
    const [m] = dbmateReader.read(dir, postgres);
    expect(m!.up).toMatchObject({ text: "VACUUM t;\r\n", startLine: 2, transactional: false });
    expect(m!.down).toMatchObject({ text: "", startLine: 4, transactional: true });
  });

  it("reads each up/down pair of a multi-section file as its own migration", () => {
    const dir = folder({
      "1_two.sql":
        "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:up transaction:false\nSELECT 3;\n-- migrate:down\nSELECT 4;\n",
    });
    const migrations = dbmateReader.read(dir, postgres);
    expect(migrations.map((m) => [m.name, m.up.text, m.up.startLine, m.up.transactional, m.down?.text])).toEqual([
      ["two", "SELECT 1;\n", 2, true, "SELECT 2;\n"],
      ["two (section 2)", "SELECT 3;\n", 6, false, "SELECT 4;\n"],
    ]);
  });

  it("reports a missing up marker at line 1", () => {
    const dir = folder({ "1_x.sql": "CREATE TABLE t (a int);\n" });
    expectReadError(dbmateReader, dir, { file: "1_x.sql", line: 1 }, 'no "-- migrate:up" marker (dbmate needs one)');
  });

  it("reports a missing down marker at the up marker", () => {
    const dir = folder({ "1_x.sql": "\n-- migrate:up\nCREATE TABLE t (a int);\n" });
    const err = readError(dir);
    expect(err.line).toBe(2);
    expect(err.message).toContain('has no "-- migrate:down" after it');
  });

  it("reports a statement before the up marker, a down before the up, and two downs", () => {
    const before = folder({ "1_x.sql": "-- ok\nSELECT 1;\n-- migrate:up\n-- migrate:down\n" });
    expect(readError(before)).toMatchObject({ line: 2 });
    expect(readError(before).message).toContain('statement before "-- migrate:up"');
    const order = folder({ "1_x.sql": "-- migrate:down\nSELECT 1;\n-- migrate:up\nSELECT 2;\n" });
    expect(readError(order).message).toContain(':1: "-- migrate:down" before "-- migrate:up"');
    const twice = folder({ "1_x.sql": "-- migrate:up\n-- migrate:down\n-- migrate:down\n" });
    expect(readError(twice).message).toContain(':3: second "-- migrate:down"');
  });

  it("rejects a binary file with its location", () => {
    const dir = folder({ "1_x.sql": Buffer.from("-- migrate:up\nSELECT 1;\n\u0000\n-- migrate:down\n") });
    expectReadError(dbmateReader, dir, { file: "1_x.sql", line: 3 }, "binary file (it holds a NUL byte)");
  });

  it("reports a missing folder", () => {
    expectMissingFolderError(dbmateReader, root);
  });

  it("detects a dbmate folder by its markers", () => {
    expect(dbmateReader.detect(folder({ "20240101000000_a.sql": "-- migrate:up\n-- migrate:down\n" }))).toBe(true);
    expect(dbmateReader.detect(folder({ "1_a.sql": "CREATE TABLE t (a int);" }))).toBe(false);
  });

  it("reads a 50 MB migration", () => {
    const line = "INSERT INTO t (a) VALUES (1);\n";
    const count = Math.ceil((50 * 1024 * 1024) / line.length);
    const dir = folder({
      "1_big.sql": `-- migrate:up\n${line.repeat(count)}-- migrate:down\nDELETE FROM t;\n`,
    });
    const [m] = dbmateReader.read(dir, postgres);
    expect(m!.up.text.length).toBe(line.length * count);
    expect(m!.down).toMatchObject({ text: "DELETE FROM t;\n", startLine: count + 3 });
    fs.rmSync(dir, { recursive: true });
  });
});

describe("dbmate writer", () => {
  it("writes one file for a one-step plan", () => {
    const files = dbmateWriter.plan({ steps: [addColumn], name: "add_avatar", dir: folder(), now }, postgres);
    expect(files).toEqual([
      {
        path: "20250304102030_add_avatar.sql",
        content: [
          "-- migrate:up",
          "-- Lockstep step add_avatar_1_expand (up)",
          "-- Phase: expand",
          "-- Deploy: Nothing first: the new column is nullable.",
          "",
          "ALTER TABLE users ADD COLUMN avatar text;",
          "",
          "-- migrate:down",
          "-- Lockstep step add_avatar_1_expand (down)",
          "-- Phase: expand",
          "-- Deploy: Nothing first: the new column is nullable.",
          "",
          "ALTER TABLE users DROP COLUMN avatar;",
          "",
        ].join("\n"),
      },
    ]);
  });

  it("writes successive seconds, transaction:false and the data-loss note for three steps", () => {
    const files = dbmateWriter.plan(
      {
        steps: [addColumn, addIndex, dropPicture],
        name: "add avatar!",
        dir: folder(),
        now,
      },
      postgres,
    );
    expect(files.map((f) => f.path)).toEqual([
      "20250304102030_add_avatar_1_expand.sql",
      "20250304102031_add_avatar_2.sql",
      "20250304102032_add_avatar_3_contract.sql",
    ]);
    expect(files[1]!.content).toMatch(/^-- migrate:up transaction:false\n/);
    expect(files[1]!.content).toContain("\n-- migrate:down transaction:false\n");
    const contract = files[2]!.content;
    expect(contract).toContain(
      "UPDATE users SET avatar = picture WHERE avatar IS NULL;\n\nALTER TABLE users DROP COLUMN picture;\n",
    );
    expect(contract.match(/^-- DATA LOSS: users\.picture values are not restored\.$/gm)).toHaveLength(2);
  });

  it("continues after the newest existing version when it is later than now", () => {
    const dir = folder({
      "20250304102030_taken.sql": "-- migrate:up\n-- migrate:down\n",
      "20300101000000_future.sql": "-- migrate:up\n-- migrate:down\n",
    });
    const files = dbmateWriter.plan({ steps: [addColumn, addIndex], name: "add_avatar", dir, now }, postgres);
    expect(files.map((f) => f.path)).toEqual([
      "20300101000001_add_avatar_1_expand.sql",
      "20300101000002_add_avatar_2.sql",
    ]);
  });

  it("round-trips through the reader", () => {
    const steps = [addColumn, addIndex, dropPicture];
    const dir = folder({
      "20200101000000_init.sql":
        "-- migrate:up\nCREATE TABLE users (picture text);\n-- migrate:down\nDROP TABLE users;\n",
    });
    const read = expectRoundTrip(dbmateWriter, dbmateReader, dir, steps, now);
    expect(read).toHaveLength(3);
    // Statements are located in the file, after the header.
    expect(postgres.split(read[0]!.up.text, read[0]!.up)[0]!.line).toBe(6);
  });
});
