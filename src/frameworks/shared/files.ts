/**
 * File-system helpers shared by the format readers: listing a folder, reading SQL text safely
 * (BOM, binary, non-UTF-8) and a boolean from a configuration file, ordering names the way
 * people number them.
 */
import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../../util/errors.js";
import type { SqlSection } from "../framework.js";

/** Throws InputError unless `dir` exists and is a folder. */
export function assertFolder(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new InputError("migrations folder not found", dir);
  }
  if (!stat.isDirectory()) throw new InputError("not a folder (expected a migrations folder)", dir);
}

export interface Entry {
  readonly name: string;
  readonly path: string;
  readonly isFile: boolean;
  readonly isDir: boolean;
}

/** The folder's entries (symbolic links followed), hidden ones (`.x`) left out, in no set order. */
export function listEntries(dir: string): Entry[] {
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read the folder: ${(err as Error).message}`, dir);
  }
  const entries: Entry[] = [];
  for (const d of dirents) {
    if (d.name.startsWith(".")) continue;
    const full = path.join(dir, d.name);
    let isFile = d.isFile();
    let isDir = d.isDirectory();
    if (d.isSymbolicLink()) {
      const stat = statOrUndefined(full);
      isFile = stat?.isFile() ?? false;
      isDir = stat?.isDirectory() ?? false;
    }
    entries.push({ name: d.name, path: full, isFile, isDir });
  }
  return entries;
}

export function isFile(file: string): boolean {
  return statOrUndefined(file)?.isFile() ?? false;
}

export function isDir(dir: string): boolean {
  return statOrUndefined(dir)?.isDirectory() ?? false;
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Reads a text file as the migration tools do: UTF-8, a leading BOM dropped, line endings kept as
 * they are (the SQL parser accepts CRLF). A NUL byte or bytes that are not UTF-8 are rejected with
 * the line where they occur: such a file is not SQL text, and guessing an encoding would change
 * what gets run.
 */
export function readSqlFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new InputError(`cannot read the file: ${(err as Error).message}`, file);
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new InputError("binary file (UTF-16 text? save it as UTF-8)", file, 1);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError("binary file (it holds a NUL byte)", file, lineAtByte(bytes, nul));
  if (!isUtf8(bytes)) {
    throw new InputError("not UTF-8 text", file, lineAtByte(bytes, firstInvalidUtf8(bytes)));
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString("utf8", start);
}

/**
 * A whole SQL file as one section, from line 1. `transactional` is given, or decided from the
 * file's text (called after the file is read, so a bad file is reported first).
 */
export function fileSection(file: string, transactional: boolean | ((text: string) => boolean)): SqlSection {
  const text = readSqlFile(file);
  return {
    text,
    file,
    startLine: 1,
    transactional: typeof transactional === "boolean" ? transactional : transactional(text),
  };
}

/** How a small configuration file (`metadata.toml`, `*.sql.conf`) assigns one boolean setting. */
export interface BooleanSetting {
  /** The setting's name, as the error message gives it. */
  readonly name: string;
  /**
   * The value text `line` assigns to the setting, or undefined when the line does not set it.
   * Called on every line, in order, so it may keep track of sections.
   */
  readonly valueOf: (line: string) => string | undefined;
  /** Accept `TRUE`, `False`, …, not only `true` and `false`. */
  readonly ignoreCase?: boolean;
  /** Quote the bad value in the error message (where the value is not quoted in the file). */
  readonly quoteInError?: boolean;
}

/**
 * The value the configuration file `file` gives `setting` (the last line that sets it wins), or
 * undefined when the file does not exist or does not set it. The file is read with
 * `readSqlFile`'s checks; a value other than true or false is an InputError at its line.
 */
export function readBooleanSetting(file: string, setting: BooleanSetting): boolean | undefined {
  if (!isFile(file)) return undefined;
  let value: boolean | undefined;
  readSqlFile(file)
    .split(/\r?\n/)
    .forEach((line, i) => {
      const raw = setting.valueOf(line)?.trim();
      if (raw === undefined) return;
      const v = setting.ignoreCase ? raw.toLowerCase() : raw;
      if (v !== "true" && v !== "false") {
        const shown = setting.quoteInError ? `"${raw}"` : raw;
        throw new InputError(`${setting.name} must be true or false, not ${shown}`, file, i + 1);
      }
      value = v === "true";
    });
  return value;
}

function lineAtByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (only called once `isUtf8` said there is one). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    if (need > 0 && !isUtf8(bytes.subarray(i, i + need + 1))) return i;
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Orders names the way people number them: runs of digits compare by value (`2_x` before `10_x`),
 * the rest by code unit; equal keys fall back to plain comparison so the order is total.
 */
export function naturalCompare(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const c = compareDigits(x, y);
      if (c !== 0) return c;
    } else return x < y ? -1 : 1;
  }
  if (ra.length !== rb.length) return ra.length - rb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two digit strings by numeric value, with no limit on their length. */
export function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, "");
  const b = y.replace(/^0+(?=\d)/, "");
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain comparison, as Go's `sort.Strings` and Rust's `Ord for str` do it (the same for ASCII names). */
export function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
