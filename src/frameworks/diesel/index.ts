/**
 * Diesel: one folder per migration, `<version>_<name>/up.sql` and `down.sql`, as Diesel's
 * file-based migrations read them (diesel_migrations, migrations_internals):
 *
 * - every non-hidden, non-empty sub-folder is a migration and must hold `up.sql`;
 * - the version is the folder name up to the first `_`, dashes removed
 *   (`2024-01-15-093000_add_avatar` → `20240115093000`); migrations run in version order (a
 *   string sort), and one version twice is an error here (Diesel would silently keep one);
 * - each runs in a transaction unless `metadata.toml` beside it says `run_in_transaction = false`.
 *   Diesel reads that file with serde's field default, so a `metadata.toml` that parses but does
 *   not set the key also means `false`; a missing file means `true`.
 */
import * as path from "node:path";
import type { Step } from "../../plan/model.js";
import { InputError } from "../../util/errors.js";
import {
  assertFolder,
  codeUnitCompare,
  compareDigits,
  fileSection,
  isDir,
  isFile,
  listEntries,
  readBooleanSetting,
} from "../shared/files.js";
import type { Framework, FormatReader, FormatWriter, MigrationFile, PlannedFile, WriteRequest } from "../framework.js";
import { addSeconds, floorToSecond, parseTimestamp, sqlFile, stepFileName, timestamp } from "../shared/render.js";

interface Folder {
  readonly name: string;
  readonly path: string;
  readonly version: string;
}

function folders(dir: string): Folder[] {
  return listEntries(dir)
    .filter((e) => e.isDir && listEntries(e.path).length > 0)
    .map((e) => ({ name: e.name, path: e.path, version: e.name.split("_")[0]!.replace(/-/g, "") }))
    .sort((a, b) => codeUnitCompare(a.version, b.version) || codeUnitCompare(a.name, b.name));
}

/** `run_in_transaction` as Diesel reads it from `metadata.toml`. */
function runInTransaction(folder: string): boolean {
  const file = path.join(folder, "metadata.toml");
  if (!isFile(file)) return true;
  let inTable = false;
  const value = readBooleanSetting(file, {
    name: "run_in_transaction",
    // A top-level key: the first `[table]` header ends them. The value is TOML, shown as written.
    valueOf(raw) {
      const line = raw.replace(/#.*$/, "").trim();
      if (line.startsWith("[")) inTable = true;
      return inTable ? undefined : /^run_in_transaction\s*=\s*(.*)$/.exec(line)?.[1];
    },
  });
  return value ?? false;
}

export const dieselReader: FormatReader = {
  name: "diesel",
  files: "<version>_<name>/up.sql and down.sql (Diesel)",
  hasDowns: true,
  downFile: (m) => path.join(m.path, "down.sql"),
  detect(dir) {
    return isDir(dir) && folders(dir).some((f) => isFile(path.join(f.path, "up.sql")));
  },
  read(dir) {
    assertFolder(dir);
    const seen = new Map<string, string>();
    return folders(dir).map((f): MigrationFile => {
      const up = path.join(f.path, "up.sql");
      if (!isFile(up)) throw new InputError("a Diesel migration folder needs an up.sql", f.path);
      const other = seen.get(f.version);
      if (other) throw new InputError(`two migrations with version ${f.version} (also ${other})`, f.path);
      seen.set(f.version, f.name);
      const transactional = runInTransaction(f.path);
      const down = path.join(f.path, "down.sql");
      return {
        version: f.version,
        name: f.name.slice(f.name.indexOf("_") + 1),
        path: f.path,
        up: fileSection(up, transactional),
        ...(isFile(down) ? { down: fileSection(down, transactional) } : {}),
      };
    });
  },
};

/** Diesel CLI's folder prefix, `YYYY-MM-DD-HHMMSS`, or the bare 14 digits when the folder uses those. */
function dashed(ts: string): string {
  return `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}-${ts.slice(8)}`;
}

function files(step: Step, folder: string): PlannedFile[] {
  const planned: PlannedFile[] = [
    { path: `${folder}/up.sql`, content: sqlFile(step, "up") },
    { path: `${folder}/down.sql`, content: sqlFile(step, "down") },
  ];
  if (!step.transactional) planned.push({ path: `${folder}/metadata.toml`, content: "run_in_transaction = false\n" });
  return planned;
}

/**
 * Writes `<YYYY-MM-DD-HHMMSS>_<name>/up.sql`, `down.sql`, and `metadata.toml` with
 * `run_in_transaction = false` for a non-transactional step. Successive steps get successive
 * seconds, after the newest existing version if that is later; the dashes follow the newest
 * existing folder (Diesel CLI writes them; a folder of bare `YYYYMMDDHHMMSS_` names keeps that).
 */
export const dieselWriter: FormatWriter = {
  name: "diesel",
  plan(request: WriteRequest): PlannedFile[] {
    const existing = isDir(request.dir) ? folders(request.dir) : [];
    const newest = [...existing].sort((a, b) => compareDigits(a.version, b.version)).at(-1);
    let first = floorToSecond(request.now);
    if (newest && /^\d+$/.test(newest.version) && compareDigits(newest.version, timestamp(first)) >= 0) {
      const at = parseTimestamp(newest.version);
      if (!at) {
        throw new InputError(
          `cannot number a new migration after version ${newest.version}: it is not a timestamp`,
          newest.path,
        );
      }
      first = addSeconds(at, 1);
    }
    const bare = newest !== undefined && /^\d{14}_/.test(newest.name) && parseTimestamp(newest.version) !== undefined;
    // Diesel orders by version as a string: the new one must come after every existing one.
    const last = existing.at(-1);
    if (last && codeUnitCompare(timestamp(first), last.version) <= 0) {
      throw new InputError(`cannot give a new migration a version that sorts after ${last.version}`, last.path);
    }
    return request.steps.flatMap((step, i) => {
      const ts = timestamp(addSeconds(first, i));
      return files(step, `${bare ? ts : dashed(ts)}_${stepFileName(request, i)}`);
    });
  },
};

export const diesel: Framework<"diesel"> = {
  name: "diesel",
  reader: dieselReader,
  writer: dieselWriter,
  runner: {
    bookkeepingTable: "__diesel_schema_migrations",
    transactions: "per-file",
    noTransaction: "metadata.toml with run_in_transaction = false",
  },
};
