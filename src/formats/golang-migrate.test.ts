import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initParser, parseSql } from "../dialects/postgres/parse.js";
import type { Step } from "../plan/model.js";
import { InputError } from "../util/errors.js";
import { writeFilesAtomically } from "../util/write-files.js";
import { golangMigrateReader, golangMigrateWriter } from "./golang-migrate.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "lockstep-golang-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(() => initParser());

let n = 0;
function folder(files: Record<string, string | Buffer> = {}): string {
  const dir = path.join(root, `case${++n}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

function readError(dir: string): InputError {
  try {
    golangMigrateReader.read(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError");
}

const now = new Date(Date.UTC(2025, 2, 4, 10, 20, 30));

const addColumn: Step = {
  name: "add_avatar_1_expand",
  phase: "expand",
  transactional: true,
  up: ["ALTER TABLE users ADD COLUMN avatar text"],
  down: ["ALTER TABLE users DROP COLUMN avatar"],
  deploy: "Nothing first.",
};
const addIndex: Step = {
  name: "add_avatar_2",
  phase: "single",
  transactional: false,
  up: ["CREATE INDEX CONCURRENTLY users_avatar_idx ON users (avatar)"],
  down: ["DROP INDEX CONCURRENTLY users_avatar_idx"],
  deploy: "Nothing first.",
};
const dropPicture: Step = {
  name: "add_avatar_3_contract",
  phase: "contract",
  transactional: true,
  up: ["UPDATE users SET avatar = picture WHERE avatar IS NULL", "ALTER TABLE users DROP COLUMN picture"],
  down: ["ALTER TABLE users ADD COLUMN picture text", "UPDATE users SET picture = avatar"],
  deploy: "The code that no longer reads users.picture.",
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
    const migrations = golangMigrateReader.read(dir);
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
    const [m] = golangMigrateReader.read(dir);
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
    expect(readError(dir).message).toBe(`${path.join(dir, "1_a.up.sql")}:3: binary file (it holds a NUL byte)`);
  });

  it("reports a missing folder", () => {
    expect(readError(path.join(root, "nope")).message).toBe(`${path.join(root, "nope")}: migrations folder not found`);
  });

  it("detects .up.sql / .down.sql pairs", () => {
    expect(golangMigrateReader.detect(folder({ "000001_init.up.sql": "" }))).toBe(true);
    expect(golangMigrateReader.detect(folder({ "000001_init.sql": "" }))).toBe(false);
  });
});

describe("golang-migrate writer", () => {
  it("writes a timestamped pair in an empty folder", () => {
    const files = golangMigrateWriter.plan({ steps: [addColumn], name: "add_avatar", dir: folder(), now });
    expect(files).toEqual([
      {
        path: "20250304102030_add_avatar.up.sql",
        content:
          "-- Lockstep step add_avatar_1_expand (up)\n-- Phase: expand\n-- Deploy: Nothing first.\n\nALTER TABLE users ADD COLUMN avatar text;\n",
      },
      {
        path: "20250304102030_add_avatar.down.sql",
        content:
          "-- Lockstep step add_avatar_1_expand (down)\n-- Phase: expand\n-- Deploy: Nothing first.\n\nALTER TABLE users DROP COLUMN avatar;\n",
      },
    ]);
  });

  it("follows a zero-padded sequence and notes the step that runs alone", () => {
    const dir = folder({ "000011_a.up.sql": "", "000012_b.up.sql": "", "000012_b.down.sql": "" });
    const files = golangMigrateWriter.plan({
      steps: [addColumn, addIndex, dropPicture],
      name: "add_avatar",
      dir,
      now,
    });
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
    const files = golangMigrateWriter.plan({ steps: [addColumn, addIndex], name: "x", dir, now });
    expect(files.map((f) => f.path.split("_")[0])).toEqual([
      "20990101000001",
      "20990101000001",
      "20990101000002",
      "20990101000002",
    ]);
  });

  it("follows Unix-time versions", () => {
    const dir = folder({ "1600000000_old.up.sql": "" });
    const files = golangMigrateWriter.plan({ steps: [addColumn], name: "x", dir, now });
    expect(files[0]!.path).toBe(`${Math.floor(now.getTime() / 1000)}_x.up.sql`);
  });

  it("refuses a non-transactional step with several statements", () => {
    const bad: Step = { ...addIndex, up: [...addIndex.up, "SELECT 1"] };
    expect(() => golangMigrateWriter.plan({ steps: [bad], name: "x", dir: folder(), now })).toThrow(
      /several up statements/,
    );
  });

  it("round-trips through the reader", () => {
    const steps = [addColumn, addIndex, dropPicture];
    const dir = folder({
      "000001_init.up.sql": "CREATE TABLE users (picture text);",
      "000001_init.down.sql": "DROP TABLE users;",
    });
    writeFilesAtomically(dir, golangMigrateWriter.plan({ steps, name: "add_avatar", dir, now }));
    const read = golangMigrateReader.read(dir).slice(1);
    expect(read.map((m) => m.version)).toEqual(["000002", "000003", "000004"]);
    read.forEach((m, i) => {
      const step = steps[i]!;
      expect(parseSql(m.up.text, m.up).map((s) => s.sql)).toEqual(step.up);
      expect(parseSql(m.down!.text, m.down!).map((s) => s.sql)).toEqual(step.down);
      expect([m.up.transactional, m.down!.transactional]).toEqual([step.transactional, step.transactional]);
    });
  });
});
