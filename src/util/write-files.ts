/**
 * Writing planned files all-or-nothing, never over an existing file.
 *
 * 1. Every target is checked first: one that exists is an InputError naming it, and nothing is
 *    written.
 * 2. Each file is written to a temporary file in its own folder (exclusive create, flushed to
 *    disk), then hard-linked to its name. `link` fails when the name exists, so a file that
 *    appears meanwhile is never overwritten (a `rename` would replace it). Where the file system
 *    has no hard links, the content is written with an exclusive create of the name itself.
 * 3. On any failure, the files already placed, the temporary files and the folders this call
 *    created are removed, and the error is rethrown (an existing name as an InputError).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PlannedFile } from "../frameworks/framework.js";
import { InputError } from "./errors.js";

/** Writes `files` under `dir`; returns their absolute paths, in the order given. */
export function writeFilesAtomically(dir: string, files: readonly PlannedFile[]): string[] {
  const root = path.resolve(dir);
  const targets = files.map((f) => target(root, f.path));
  const unique = new Set(targets);
  if (unique.size !== targets.length) throw new Error("writeFilesAtomically: the same path twice");

  for (const t of targets) {
    if (exists(t)) throw new InputError("already exists; Lockstep never overwrites a migration", t);
  }

  const createdDirs: string[] = [];
  const placed: string[] = [];
  const temps = new Set<string>();
  try {
    for (const [i, file] of files.entries()) {
      const t = targets[i]!;
      makeDirs(path.dirname(t), createdDirs);
      const temp = tempName(t);
      temps.add(temp);
      writeExclusive(temp, file.content);
      try {
        place(temp, t, file.content);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        throw new InputError("appeared while writing; Lockstep never overwrites a migration", t);
      }
      placed.push(t);
      fs.unlinkSync(temp);
      temps.delete(temp);
    }
    for (const d of new Set(targets.map((t) => path.dirname(t)))) syncDir(d);
    return targets;
  } catch (err) {
    for (const p of [...placed, ...temps]) removeQuietly(p);
    for (const d of createdDirs.reverse()) rmdirQuietly(d);
    throw err;
  }
}

function target(root: string, relative: string): string {
  if (path.isAbsolute(relative)) throw new Error(`writeFilesAtomically: ${relative} is not relative`);
  const full = path.resolve(root, relative);
  if (full !== root && !full.startsWith(root + path.sep)) {
    throw new Error(`writeFilesAtomically: ${relative} leaves the output folder`);
  }
  return full;
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return false;
    if (code === "ENOTDIR") throw new InputError("cannot be created: a file stands where a folder should be", p);
    throw err;
  }
}

/** Creates `dir` and missing parents, recording the ones it created (outermost first). */
function makeDirs(dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let d = dir; !exists(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    fs.mkdirSync(d);
    created.push(d);
  }
}

function tempName(file: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${random}.tmp`);
}

/** Creates `file` (failing if it exists), writes and flushes it; removes it if that fails. */
function writeExclusive(file: string, content: string): void {
  const fd = fs.openSync(file, "wx");
  let done = false;
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    done = true;
  } finally {
    fs.closeSync(fd);
    if (!done) removeQuietly(file);
  }
}

const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);

function place(temp: string, file: string, content: string): void {
  try {
    fs.linkSync(temp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    if (!NO_HARD_LINKS.has(code)) throw err;
    writeExclusive(file, content);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not every platform can open or flush a folder (Windows); the files themselves are flushed.
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function rmdirQuietly(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (something else was written there meanwhile) or already gone: leave it.
  }
}

/**
 * Replaces `file` with `content` all-or-nothing (a temporary file flushed, then renamed over it):
 * for files Lockstep keeps up to date, such as a schema changelog, never for migrations.
 */
export function replaceFileAtomically(file: string, content: string): void {
  const temp = tempName(file);
  writeExclusive(temp, content);
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    removeQuietly(temp);
    throw err;
  }
  syncDir(path.dirname(file));
}
