import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Step } from "../../plan/model.js";
import { golangMigrateReader, golangMigrateWriter } from "./index.js";
import {
  addColumn,
  addColumnFiles,
  addIndex,
  dropPicture as contract,
  expectMissingFolderError,
  expectReadError,
  expectRoundTrip,
  inputError,
  now,
  tempFolders,
} from "../shared/testing.js";
import { postgres } from "../../dialects/postgres/index.js";

const { root, folder } = tempFolders("lockstep-golang-");
beforeAll(() => postgres.ready());

const readError = (dir: string) => inputError(() => golangMigrateReader.read(dir, postgres));

const dropPicture: Step = {
  ...contract,
  down: ["ALTER TABLE users ADD COLUMN picture text", "UPDATE users SET picture = avatar"],
  dataLoss: "users.picture values that differed from avatar are not restored.",
};

describe("golang-migrate reader", () => {
  it("pairs up and down files in numeric version order", () => {
    const dir = folder({
      "10_third.up.sql": "CREATE TABLE c (a int);\nCREATE INDEX CONCURRENTLY c_a ON c (a);\n",
      "10_third.down.sql": "DROP TABLE c;\n",
      "2_second.up.sql": "-- one statement runs on its own\nCREATE INDEX CONCURRENTLY b_a ON b (a);\n",
      "1_first.up.sql": "",
      "1_first.down.sql": "\ufeffSELECT 1;\r\nSELECT 2;\r\n",
      "7_only_down.down.sql": "SELECT 1;",
      "notes.txt": "ignored",
    });
    const migrations = golangMigrateReader.read(dir, postgres);
    expect(migrations.map((m) => [m.version, m.name, m.up.transactional, m.down?.transactional])).toEqual([
      ["1", "first", true, true],
      ["2", "second", false, undefined],
      ["10", "third", true, true],
    ]);
    expect(migrations[0]!.up).toEqual({
      text: "",
      file: path.join(dir, "1_first.up.sql"),
      startLine: 1,
      transactional: true,
    });
    expect(migrations[0]!.down!.text).toBe("SELECT 1;\r\nSELECT 2;\r\n");
  });

  it("reads a 50 MB migration without parsing it", () => {
    const line = "INSERT INTO t (a) VALUES (1);\n";
    const count = Math.ceil((50 * 1024 * 1024) / line.length);
    const dir = folder({ "1_big.up.sql": `CREATE INDEX CONCURRENTLY i ON t (a);\n${line.repeat(count)}` });
    const [m] = golangMigrateReader.read(dir, postgres);
    expect(m!.up.text.length).toBe(38 + line.length * count);
    expect(m!.up.transactional).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it("reports a version used twice", () => {
    const dir = folder({ "1_a.up.sql": "SELECT 1;", "001_b.up.sql": "SELECT 2;" });
    expect(readError(dir).message).toMatch(
      /_[ab]\.up\.sql: duplicate up migration for version 1 \(also 00?1_[ab]\.up\.sql\)$/,
    );
  });

  it("rejects a binary file with its location", () => {
    const dir = folder({ "1_a.up.sql": Buffer.from([0x53, 0x0a, 0x0a, 0x00]) });
    expectReadError(golangMigrateReader, dir, { file: "1_a.up.sql", line: 3 }, "binary file (it holds a NUL byte)");
  });

  it("reports a missing folder", () => {
    expectMissingFolderError(golangMigrateReader, root);
  });

  it("detects .up.sql / .down.sql pairs", () => {
    expect(golangMigrateReader.detect(folder({ "000001_init.up.sql": "" }))).toBe(true);
    expect(golangMigrateReader.detect(folder({ "000001_init.sql": "" }))).toBe(false);
  });
});

describe("golang-migrate writer", () => {
  it("writes a timestamped pair in an empty folder", () => {
    const files = golangMigrateWriter.plan({ steps: [addColumn], name: "add_avatar", dir: folder(), now }, postgres);
    expect(files).toEqual(addColumnFiles("20250304102030_add_avatar.up.sql", "20250304102030_add_avatar.down.sql"));
  });

  it("follows a zero-padded sequence and notes the step that runs alone", () => {
    const dir = folder({ "000011_a.up.sql": "", "000012_b.up.sql": "", "000012_b.down.sql": "" });
    const files = golangMigrateWriter.plan(
      {
        steps: [addColumn, addIndex, dropPicture],
        name: "add_avatar",
        dir,
        now,
      },
      postgres,
    );
    expect(files.map((f) => f.path)).toEqual([
      "000013_add_avatar_1_expand.up.sql",
      "000013_add_avatar_1_expand.down.sql",
      "000014_add_avatar_2.up.sql",
      "000014_add_avatar_2.down.sql",
      "000015_add_avatar_3_contract.up.sql",
      "000015_add_avatar_3_contract.down.sql",
    ]);
    expect(files[2]!.content).toBe(
      [
        "-- Lockstep step add_avatar_2 (up)",
        "-- Phase: single",
        "-- Deploy: Nothing first.",
        "-- Runs outside a transaction: golang-migrate sends this single statement on its own.",
        "",
        "CREATE INDEX CONCURRENTLY users_avatar_idx ON users (avatar);",
        "",
      ].join("\n"),
    );
    expect(files[5]!.content).toContain(
      "-- DATA LOSS: users.picture values that differed from avatar are not restored.\n",
    );
  });

  it("follows timestamps, continuing after a later existing one", () => {
    const dir = folder({ "20990101000000_future.up.sql": "" });
    const files = golangMigrateWriter.plan({ steps: [addColumn, addIndex], name: "x", dir, now }, postgres);
    expect(files.map((f) => f.path.split("_")[0])).toEqual([
      "20990101000001",
      "20990101000001",
      "20990101000002",
      "20990101000002",
    ]);
  });

  it("follows Unix-time versions", () => {
    const dir = folder({ "1600000000_old.up.sql": "" });
    const files = golangMigrateWriter.plan({ steps: [addColumn], name: "x", dir, now }, postgres);
    expect(files[0]!.path).toBe(`${Math.floor(now.getTime() / 1000)}_x.up.sql`);
  });

  it("refuses a non-transactional step with several statements", () => {
    const bad: Step = { ...addIndex, up: [...addIndex.up, "SELECT 1"] };
    expect(() => golangMigrateWriter.plan({ steps: [bad], name: "x", dir: folder(), now }, postgres)).toThrow(
      /several up statements/,
    );
  });

  it("round-trips through the reader", () => {
    const steps = [addColumn, addIndex, dropPicture];
    const dir = folder({
      "000001_init.up.sql": "CREATE TABLE users (picture text);",
      "000001_init.down.sql": "DROP TABLE users;",
    });
    const read = expectRoundTrip(golangMigrateWriter, golangMigrateReader, dir, steps, now);
    expect(read.map((m) => m.version)).toEqual(["000002", "000003", "000004"]);
  });
});
