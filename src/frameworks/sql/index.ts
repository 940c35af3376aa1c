/**
 * Plain SQL files, the fallback format: every `*.sql` in the folder is an up migration, applied
 * in natural name order (`2_x.sql` before `10_x.sql`). Its down, if any, is `<base>.down.sql`
 * beside it or `down/<same name>`. A file runs in one transaction, unless its leading comment
 * block holds Lockstep's marker line `-- lockstep: no-transaction (run outside a transaction)`.
 */
import * as path from "node:path";
import type { Step } from "../../plan/model.js";
import { InputError } from "../../util/errors.js";
import {
  assertFolder,
  compareDigits,
  type Entry,
  fileSection,
  isDir,
  listEntries,
  naturalCompare,
} from "../shared/files.js";
import type {
  Framework,
  FormatReader,
  FormatWriter,
  MigrationFile,
  PlannedFile,
  SqlSection,
  WriteRequest,
} from "../framework.js";
import { NO_TRANSACTION_MARKER, sqlFile, stepFileName } from "../shared/render.js";

const SQL = /\.sql$/i;
const DOWN = /\.down\.sql$/i;

function upFiles(dir: string, entries: readonly Entry[] = listEntries(dir)): Entry[] {
  return entries
    .filter((e) => e.isFile && SQL.test(e.name) && !DOWN.test(e.name))
    .sort((a, b) => naturalCompare(a.name, b.name));
}

/** True when the comments and blank lines at the top of `text` include the marker line. */
export function hasNoTransactionMarker(text: string): boolean {
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf("\n", start);
    const line = text.slice(start, nl < 0 ? text.length : nl).trim();
    if (line === NO_TRANSACTION_MARKER) return true;
    if (line !== "" && !line.startsWith("--")) return false;
    if (nl < 0) break;
    start = nl + 1;
  }
  return false;
}

function section(file: string): SqlSection {
  return fileSection(file, (text) => !hasNoTransactionMarker(text));
}

/** Names of the down files among the folder's entries (`x.down.sql` beside, and in a `down/` folder). */
function downNames(entries: readonly Entry[]): { beside: Set<string>; inFolder: Set<string> } {
  const files = (list: readonly Entry[]) => new Set(list.filter((e) => e.isFile).map((e) => e.name));
  const downDir = entries.find((e) => e.isDir && e.name === "down");
  return { beside: files(entries), inFolder: downDir ? files(listEntries(downDir.path)) : new Set() };
}

function downFile(dir: string, name: string, downs: ReturnType<typeof downNames>): string | undefined {
  const besideName = name.replace(SQL, ".down.sql");
  const beside = path.join(dir, besideName);
  const inFolder = path.join(dir, "down", name);
  const found = [downs.beside.has(besideName) && beside, downs.inFolder.has(name) && inFolder].filter(
    (f): f is string => !!f,
  );
  if (found.length > 1) {
    throw new InputError(`two downs for ${name}: ${path.basename(beside)} and down/${name}`, beside);
  }
  return found[0];
}

export const sqlReader: FormatReader = {
  name: "sql",
  files: "*.sql, with *.down.sql or down/*.sql as downs (plain SQL, in name order)",
  hasDowns: true,
  /** `down/<name>` when the folder keeps its downs in a `down/` folder, else `<base>.down.sql` beside. */
  downFile(m) {
    const dir = path.dirname(m.up.file);
    const name = path.basename(m.up.file);
    return isDir(path.join(dir, "down"))
      ? path.join(dir, "down", name)
      : path.join(dir, name.replace(SQL, ".down.sql"));
  },
  detect(dir) {
    return isDir(dir) && upFiles(dir).length > 0;
  },
  read(dir) {
    assertFolder(dir);
    // One listing serves the ups and the downs: folders of thousands of migrations are common.
    const entries = listEntries(dir);
    const downs = downNames(entries);
    return upFiles(dir, entries).map((f): MigrationFile => {
      const base = f.name.replace(SQL, "");
      const m = /^(\d+)[_-]?(.*)$/.exec(base);
      const down = downFile(dir, f.name, downs);
      return {
        version: m ? m[1]! : base,
        name: m && m[2] !== "" ? m[2]! : base,
        path: f.path,
        up: section(f.path),
        ...(down ? { down: section(down) } : {}),
      };
    });
  },
  readUp(file) {
    const name = path.basename(file);
    return SQL.test(name) && !DOWN.test(name) ? section(file) : undefined;
  },
};

/** Said in every transactional file: its `SET LOCAL lock_timeout` needs the transaction around it. */
export const ONE_TRANSACTION_NOTE = "Run it in one transaction: psql --single-transaction --file <this file>";

function content(step: Step, direction: "up" | "down"): string {
  if (!step.transactional) return `${NO_TRANSACTION_MARKER}\n${sqlFile(step, direction)}`;
  return sqlFile(step, direction, [`-- ${ONE_TRANSACTION_NOTE}`]);
}

/**
 * Writes `NNNN_<name>.sql` and its down per step. Numbers continue after the highest number that
 * starts a `.sql` file name in the folder, with that number's width (4 digits in a new folder).
 * The down goes to `down/NNNN_<name>.sql` when the folder keeps its downs there (a `down/` folder
 * and no `*.down.sql`), else to `NNNN_<name>.down.sql`.
 */
export const sqlWriter: FormatWriter = {
  name: "sql",
  plan(request: WriteRequest): PlannedFile[] {
    const entries = isDir(request.dir) ? listEntries(request.dir) : [];
    let highest: string | undefined;
    for (const e of entries) {
      const m = e.isFile && SQL.test(e.name) ? /^\d+/.exec(e.name) : null;
      if (m && (highest === undefined || compareDigits(m[0], highest) > 0)) highest = m[0];
    }
    const width = highest?.length ?? 4;
    const next = highest === undefined ? 1n : BigInt(highest) + 1n;
    const downFolder =
      entries.some((e) => e.isDir && e.name === "down") && !entries.some((e) => e.isFile && DOWN.test(e.name));
    const planned = request.steps.flatMap((step, i) => {
      const base = `${(next + BigInt(i)).toString().padStart(width, "0")}_${stepFileName(request, i)}`;
      return [
        { path: `${base}.sql`, content: content(step, "up") },
        { path: downFolder ? `down/${base}.sql` : `${base}.down.sql`, content: content(step, "down") },
      ];
    });
    // Files are applied in name order: a folder of unnumbered names (`users.sql`) cannot be continued.
    const last = isDir(request.dir) ? upFiles(request.dir).at(-1) : undefined;
    if (last && planned[0] && naturalCompare(planned[0].path, last.name) <= 0) {
      throw new InputError(`cannot name a new migration that sorts after ${last.name}`, last.path);
    }
    return planned;
  },
};

export const sql: Framework<"sql"> = {
  name: "sql",
  reader: sqlReader,
  writer: sqlWriter,
  runner: { transactions: "per-file", noTransaction: NO_TRANSACTION_MARKER },
};
