/**
 * dbmate: one file `<version>_<name>.sql` per migration, holding `-- migrate:up` and
 * `-- migrate:down` sections. Rules follow dbmate's own parser (pkg/dbmate/migration.go):
 *
 * - a migration file is any `*.sql` whose name starts with digits (the version); dbmate applies
 *   them in file-name order (a plain string sort);
 * - a marker is a line `--` + optional spaces + `migrate:up` / `migrate:down`, then nothing or
 *   options `key:value` separated by spaces; `transaction:false` runs that section outside a
 *   transaction;
 * - only blank lines and comments may come before the first `-- migrate:up`; each up needs exactly
 *   one `-- migrate:down` after it;
 * - a file may hold several up/down sections (dbmate 2.x). Each section becomes one
 *   MigrationFile here, same version and path, in file order. (dbmate's rollback runs the downs
 *   of such a file in file order too; Lockstep's reverse order differs only for these files.)
 */
import * as fs from "node:fs";
import { InputError } from "../../util/errors.js";
import { assertFolder, codeUnitCompare, compareDigits, isDir, listEntries, readSqlFile } from "../shared/files.js";
import type { Framework, FormatReader, FormatWriter, MigrationFile, PlannedFile, WriteRequest } from "../framework.js";
import { addSeconds, floorToSecond, parseTimestamp, sqlFile, stepFileName, timestamp } from "../shared/render.js";

const FILE = /^(\d+)(.*)\.sql$/;
const MARKER = /^--\s*migrate:(up|down)(?:\s*$|\s+(\S.*)$)/;

interface Marker {
  readonly kind: "up" | "down";
  readonly line: number;
  /** Index of the marker line's first character, and of the line after it. */
  readonly start: number;
  readonly next: number;
  readonly transactional: boolean;
}

interface DbmateFile {
  readonly file: string;
  readonly name: string;
  readonly version: string;
}

function migrationFiles(dir: string): DbmateFile[] {
  return listEntries(dir)
    .filter((e) => e.isFile && FILE.test(e.name))
    .map((e) => {
      const m = FILE.exec(e.name)!;
      return { file: e.path, name: e.name, version: m[1]! };
    })
    .sort((a, b) => codeUnitCompare(a.name, b.name));
}

/** Parses one dbmate file into its sections; throws InputError with the line at fault. */
export function parseDbmate(text: string, file: string, version: string, name: string): MigrationFile[] {
  const markers: Marker[] = [];
  let firstStatementLine: number | undefined;
  let line = 1;
  for (let start = 0; ; line++) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    const content = text.slice(start, end).replace(/\r$/, "");
    const m = MARKER.exec(content);
    if (m) {
      markers.push({
        kind: m[1] as "up" | "down",
        line,
        start,
        next,
        transactional: transactionOption(m[2]),
      });
    } else if (markers.length === 0 && firstStatementLine === undefined && !/^\s*(--.*)?$/.test(content)) {
      firstStatementLine = line;
    }
    if (next >= text.length) break;
    start = next;
  }
  const firstUp = markers.findIndex((m) => m.kind === "up");
  if (firstUp < 0) throw new InputError('no "-- migrate:up" marker (dbmate needs one)', file, 1);
  if (firstStatementLine !== undefined) {
    throw new InputError(
      'statement before "-- migrate:up" (dbmate allows only comments there)',
      file,
      firstStatementLine,
    );
  }
  if (firstUp > 0) {
    throw new InputError('"-- migrate:down" before "-- migrate:up"', file, markers[0]!.line);
  }
  const sections: MigrationFile[] = [];
  for (let i = 0; i < markers.length;) {
    const up = markers[i]!;
    const down = markers[i + 1];
    if (down?.kind !== "down") {
      throw new InputError(`"-- migrate:up" has no "-- migrate:down" after it`, file, up.line);
    }
    const after = markers[i + 2];
    if (after?.kind === "down") {
      throw new InputError('second "-- migrate:down" for one "-- migrate:up"', file, after.line);
    }
    const downEnd = after ? after.start : text.length;
    const n = sections.length + 1;
    sections.push({
      version,
      name: n === 1 ? name : `${name} (section ${n})`,
      path: file,
      up: {
        text: text.slice(up.next, down.start),
        file,
        startLine: up.line + 1,
        transactional: up.transactional,
      },
      down: {
        text: text.slice(down.next, downEnd),
        file,
        startLine: down.line + 1,
        transactional: down.transactional,
      },
    });
    i += 2;
  }
  return sections;
}

/** dbmate reads `key:value` words after the marker; only `transaction:false` changes anything. */
function transactionOption(options: string | undefined): boolean {
  for (const word of (options ?? "").trim().split(/\s+/)) {
    const pair = word.split(":");
    if (pair.length === 2 && pair[0] === "transaction" && pair[1] === "false") return false;
  }
  return true;
}

const HEAD_BYTES = 64 * 1024;
const MARKER_ANYWHERE = /^--\s*migrate:up(?:\s|$)/m;

/** One buffer for every head read: detection may look at thousands of files. */
let head: Buffer | undefined;

function startsLikeDbmate(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const buf = (head ??= Buffer.allocUnsafe(HEAD_BYTES));
    const n = fs.readSync(fd, buf, 0, HEAD_BYTES, 0);
    return MARKER_ANYWHERE.test(buf.toString("utf8", 0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export const dbmateReader: FormatReader = {
  name: "dbmate",
  files: "<version>_<name>.sql holding -- migrate:up (dbmate)",
  hasDowns: true,
  /** None: dbmate keeps the down in the migration's own file, under `-- migrate:down`. */
  downFile: () => undefined,
  detect(dir) {
    return isDir(dir) && migrationFiles(dir).some((f) => startsLikeDbmate(f.file));
  },
  read(dir) {
    assertFolder(dir);
    return migrationFiles(dir).flatMap((f) =>
      parseDbmate(readSqlFile(f.file), f.file, f.version, f.name.slice(f.version.length, -4).replace(/^_/, "")),
    );
  },
};

/**
 * Writes `<YYYYMMDDHHMMSS>_<name>.sql` (UTC), one per step, successive seconds. When the folder
 * already holds a version at or after that time, numbering continues one second after the newest.
 */
export const dbmateWriter: FormatWriter = {
  name: "dbmate",
  plan(request: WriteRequest): PlannedFile[] {
    const existing = isDir(request.dir) ? migrationFiles(request.dir) : [];
    let first = floorToSecond(request.now);
    const newest = [...existing].sort((a, b) => compareDigits(a.version, b.version)).at(-1);
    if (newest && compareDigits(newest.version, timestamp(first)) >= 0) {
      const at = parseTimestamp(newest.version);
      if (!at) {
        throw new InputError(
          `cannot number a new migration after version ${newest.version}: it is not a YYYYMMDDHHMMSS timestamp`,
          newest.file,
        );
      }
      first = addSeconds(at, 1);
    }
    const files = request.steps.map((step, i) => {
      const option = step.transactional ? "" : " transaction:false";
      const content = [
        `-- migrate:up${option}`,
        sqlFile(step, "up").trimEnd(),
        "",
        `-- migrate:down${option}`,
        sqlFile(step, "down"),
      ].join("\n");
      return { path: `${timestamp(addSeconds(first, i))}_${stepFileName(request, i)}.sql`, content };
    });
    // dbmate orders by file name, not by version: a new file must sort after every existing one.
    const last = existing.at(-1);
    if (last && files[0] && codeUnitCompare(files[0].path, last.name) <= 0) {
      throw new InputError(`a new migration would sort before ${last.name} in dbmate's order`, last.file);
    }
    return files;
  },
};

export const dbmate: Framework<"dbmate"> = {
  name: "dbmate",
  reader: dbmateReader,
  writer: dbmateWriter,
  runner: {
    bookkeepingTable: "schema_migrations",
    transactions: "per-file",
    noTransaction: "-- migrate:up transaction:false (and on its down)",
  },
};
