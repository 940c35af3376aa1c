/**
 * Helpers shared by the format tests (`*.test.ts` beside this file): temporary folders of fixture
 * files, the steps the writers are tested with, the writer → reader round trip, and InputError
 * checks. Test code only: it imports vitest.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, expect } from "vitest";
import type { Step } from "../../plan/model.js";
import { InputError } from "../../util/errors.js";
import { writeFilesAtomically } from "../../util/write-files.js";
import type { FormatReader, FormatWriter, MigrationFile, PlannedFile } from "../framework.js";
import { postgres } from "../../dialects/postgres/index.js";

export interface TempFolders {
  /** The temporary folder all cases live in (removed after the test file). */
  readonly root: string;
  /**
   * A new folder `<root>/case<n>/<within>` holding `files` (names relative to it, sub-folders
   * created as needed); it exists even when `files` is empty.
   */
  folder(files?: Readonly<Record<string, string | Buffer>>): string;
}

/** A temporary root named `<prefix>…`, removed by an `afterAll` hook of the calling test file. */
export function tempFolders(prefix: string, within = ""): TempFolders {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let n = 0;
  return {
    root,
    folder(files = {}) {
      const dir = path.join(root, `case${++n}`, within);
      fs.mkdirSync(dir, { recursive: true });
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
      }
      return dir;
    },
  };
}

/** The error `fn` throws, after checking it is an InputError; fails when `fn` returns. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError");
}

/**
 * Checks that `fn` throws an InputError located at `file` (and `line`, when given) with `reason`:
 * its message is exactly `<file>[:<line>]: <reason>`, and its fields say the same.
 */
export function expectInputError(fn: () => unknown, at: { file: string; line?: number }, reason: string): void {
  const err = inputError(fn);
  expect(err.message).toBe(`${at.file}${at.line === undefined ? "" : `:${at.line}`}: ${reason}`);
  expect({ file: err.file, line: err.line, reason: err.reason }).toEqual({ file: at.file, line: at.line, reason });
}

/**
 * Checks that `reader` rejects `dir` with an InputError at `at` saying `reason` (see
 * `expectInputError`); `at.file` is relative to `dir` (`""` for `dir` itself).
 */
export function expectReadError(
  reader: FormatReader,
  dir: string,
  at: { file: string; line?: number },
  reason: string,
): void {
  expectInputError(() => reader.read(dir, postgres), { ...at, file: path.join(dir, at.file) }, reason);
}

/** Checks that `reader` rejects `<parent>/nope`, which does not exist, as a migrations folder not found. */
export function expectMissingFolderError(reader: FormatReader, parent: string): void {
  expectReadError(reader, path.join(parent, "nope"), { file: "" }, "migrations folder not found");
}

/** The writers' clock in the tests: 2025-03-04 10:20:30 UTC. */
export const now = new Date(Date.UTC(2025, 2, 4, 10, 20, 30));

/** An expand/contract plan of three steps, the middle one outside a transaction. */
export const addColumn: Step = {
  name: "add_avatar_1_expand",
  phase: "expand",
  transactional: true,
  up: ["ALTER TABLE users ADD COLUMN avatar text"],
  down: ["ALTER TABLE users DROP COLUMN avatar"],
  deploy: "Nothing first.",
};
export const addIndex: Step = {
  name: "add_avatar_2",
  phase: "single",
  transactional: false,
  up: ["CREATE INDEX CONCURRENTLY users_avatar_idx ON users (avatar)"],
  down: ["DROP INDEX CONCURRENTLY users_avatar_idx"],
  deploy: "Nothing first.",
};
export const dropPicture: Step = {
  name: "add_avatar_3_contract",
  phase: "contract",
  transactional: true,
  up: ["UPDATE users SET avatar = picture WHERE avatar IS NULL", "ALTER TABLE users DROP COLUMN picture"],
  down: ["ALTER TABLE users ADD COLUMN picture text"],
  deploy: "The code that no longer reads users.picture.",
  dataLoss: "users.picture values are not restored.",
};

/** The files a writer that adds nothing to `sqlFile` plans for `addColumn` alone, at the paths given. */
export function addColumnFiles(upPath: string, downPath: string): PlannedFile[] {
  return [
    {
      path: upPath,
      content:
        "-- Lockstep step add_avatar_1_expand (up)\n-- Phase: expand\n-- Deploy: Nothing first.\n\nALTER TABLE users ADD COLUMN avatar text;\n",
    },
    {
      path: downPath,
      content:
        "-- Lockstep step add_avatar_1_expand (down)\n-- Phase: expand\n-- Deploy: Nothing first.\n\nALTER TABLE users DROP COLUMN avatar;\n",
    },
  ];
}

/**
 * Writes `steps` with `writer` into `dir` (named `add_avatar`, at `clock`), reads the folder back
 * with `reader`, and checks the migrations that were not there before: one per step, in order,
 * each with the step's up and down statements (as the parser splits them) and the step's
 * transactional flag on both sections. Returns those migrations for format-specific checks.
 */
export function expectRoundTrip(
  writer: FormatWriter,
  reader: FormatReader,
  dir: string,
  steps: readonly Step[],
  clock: Date,
): MigrationFile[] {
  const before = reader.read(dir, postgres).length;
  writeFilesAtomically(dir, writer.plan({ steps, name: "add_avatar", dir, now: clock }, postgres));
  const read = reader.read(dir, postgres).slice(before);
  expect(read).toHaveLength(steps.length);
  read.forEach((m, i) => {
    const step = steps[i]!;
    expect(postgres.split(m.up.text, m.up).map((s) => s.sql)).toEqual(step.up);
    expect(postgres.split(m.down!.text, m.down!).map((s) => s.sql)).toEqual(step.down);
    expect([m.up.transactional, m.down!.transactional]).toEqual([step.transactional, step.transactional]);
  });
  return read;
}
