/**
 * Pop / fizz SQL migrations as ory's popx reads them (kratos, hydra, keto):
 * `<version>_<name>[.<dialect>][.autocommit].{up,down}.sql`, one file per dialect where the SQL
 * differs. For one version, the file for the dialect wins over the generic one (no dialect); a
 * version with files for other dialects only does not run on this one. Versions are compared as
 * strings, as popx does (kratos's are 20 digits, wider than a 64-bit integer). `.autocommit.`
 * files run outside a transaction, every other file in one.
 *
 * Lockstep reads the files of the command's dialect (`postgres`, or its synonyms `postgresql` and
 * `pgx`; `sqlite3` or `sqlite`); `.fizz` files (Pop's own DSL, not SQL) are not read and are listed
 * as such.
 */
import * as path from "node:path";
import type { DialectName } from "../../dialects/dialect.js";
import { InputError } from "../../util/errors.js";
import { assertFolder, codeUnitCompare, fileSection, isDir, listEntries } from "../shared/files.js";
import type { Framework, FormatReader, MigrationFile, UnreadFile } from "../framework.js";

const FILE = /^(\d+)_([^.]+)(\.[a-z0-9]+)?(\.autocommit)?\.(up|down)\.(sql|fizz)$/;

/** Pop's dialect names and their synonyms (pop.CanonicalDialect). */
const DIALECTS: Readonly<Record<string, string>> = {
  postgres: "postgres",
  postgresql: "postgres",
  pgx: "postgres",
  cockroach: "cockroach",
  cockroachdb: "cockroach",
  crdb: "cockroach",
  mysql: "mysql",
  mariadb: "mysql",
  sqlite: "sqlite3",
  sqlite3: "sqlite3",
  yugabyte: "yugabyte",
  yugabytedb: "yugabyte",
};

/** Pop's canonical name for each dialect Lockstep speaks. */
const TARGETS: Readonly<Record<DialectName, string>> = { postgres: "postgres", sqlite: "sqlite3" };

/** The Pop dialect each read chose its files for, so that `unread` lists the others. */
const readFor = new WeakMap<readonly MigrationFile[], string>();

export interface PopName {
  readonly version: string;
  readonly name: string;
  /** Canonical dialect, or `all` for a generic file. */
  readonly dialect: string;
  readonly autocommit: boolean;
  readonly direction: "up" | "down";
  readonly type: "sql" | "fizz";
}

/**
 * A Pop migration file name read as popx reads it, or undefined when it is not one (or names a
 * dialect popx does not know). `.autocommit` right after the name is the generic autocommit form.
 */
export function parsePopName(file: string): PopName | undefined {
  const m = FILE.exec(file);
  if (!m) return undefined;
  const [, version, name, segment, autocommit, direction, type] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string | undefined,
    "up" | "down",
    "sql" | "fizz",
  ];
  let dialect = "all";
  let auto = autocommit !== undefined;
  if (segment === ".autocommit") auto = true;
  else if (segment) {
    const canonical = DIALECTS[segment.slice(1)];
    if (!canonical) return undefined;
    dialect = canonical;
  }
  return { version, name, dialect, autocommit: auto, direction, type };
}

interface Chosen {
  name: PopName;
  file: string;
}

/** Per version and direction, the file that runs on `target`: the dialect's own, else the generic one. */
function choose(
  dir: string,
  target: string,
): { byVersion: Map<string, { up?: Chosen; down?: Chosen }>; unread: UnreadFile[] } {
  const byVersion = new Map<string, { up?: Chosen; down?: Chosen }>();
  const unread: UnreadFile[] = [];
  const entries = listEntries(dir).filter((e) => e.isFile);
  for (const e of entries) {
    const name = parsePopName(e.name);
    if (!name) continue;
    if (name.type === "fizz") {
      unread.push({
        file: e.path,
        reason: "a fizz migration (Pop's DSL, not SQL): Lockstep reads SQL migrations only",
      });
      continue;
    }
    if (name.dialect !== target && name.dialect !== "all") continue;
    const slot = byVersion.get(name.version) ?? {};
    const other = slot[name.direction];
    if (other && other.name.dialect === name.dialect)
      throw new InputError(
        `two ${name.direction} migrations for version ${name.version} (also ${path.basename(other.file)})`,
        e.path,
      );
    if (!other || name.dialect === target) slot[name.direction] = { name, file: e.path };
    byVersion.set(name.version, slot);
  }
  return { byVersion, unread };
}

export const popReader: FormatReader = {
  name: "pop",
  files:
    "<version>_<name>[.postgres|.sqlite3][.autocommit].up.sql and .down.sql (Pop / fizz, as ory's popx reads them)",
  hasDowns: true,
  // A missing down goes beside its up, with the up's dialect and autocommit segments.
  downFile: (m) => m.up.file.replace(/\.up\.sql$/, ".down.sql"),
  detect(dir) {
    // A dialect or autocommit segment is the mark: without one the names are golang-migrate's.
    return (
      isDir(dir) &&
      listEntries(dir).some((e) => {
        const name = e.isFile ? parsePopName(e.name) : undefined;
        return !!name && (name.dialect !== "all" || name.autocommit);
      })
    );
  },
  read(dir, dialect) {
    assertFolder(dir);
    const target = TARGETS[dialect.name];
    const { byVersion } = choose(dir, target);
    const migrations: MigrationFile[] = [];
    for (const version of [...byVersion.keys()].sort(codeUnitCompare)) {
      const { up, down } = byVersion.get(version)!;
      // A down without an up has nothing to apply (as in popx, which runs ups by version).
      if (!up) continue;
      migrations.push({
        version,
        name: up.name.name,
        path: up.file,
        up: fileSection(up.file, !up.name.autocommit),
        ...(down ? { down: fileSection(down.file, !down.name.autocommit) } : {}),
      });
    }
    readFor.set(migrations, target);
    return migrations;
  },
  unread(dir, migrations) {
    const target = readFor.get(migrations) ?? TARGETS.postgres;
    const { unread } = choose(dir, target);
    const used = new Set(migrations.flatMap((m) => [m.up.file, ...(m.down ? [m.down.file] : [])]));
    const others = new Map<string, number>();
    for (const e of listEntries(dir).filter((x) => x.isFile && /\.(sql|fizz)$/.test(x.name))) {
      if (used.has(e.path)) continue;
      const name = parsePopName(e.name);
      if (!name)
        unread.push({ file: e.path, reason: "not a Pop migration name (<version>_<name>[.<dialect>].up.sql)" });
      else if (name.type === "sql" && name.dialect !== target && name.dialect !== "all")
        others.set(name.dialect, (others.get(name.dialect) ?? 0) + 1);
      else if (name.type === "sql" && name.direction === "down" && !migrations.some((m) => m.version === name.version))
        unread.push({ file: e.path, reason: "a down with no up for its version" });
      // A generic file that the postgres one replaces is read as Pop reads it: not listed.
    }
    const summary = [...others].sort(([a], [b]) => codeUnitCompare(a, b)).map(([d, n]) => `${n} ${d}`);
    if (summary.length)
      unread.push({
        file: dir,
        reason: `files for other dialects not read (${summary.join(", ")}): Lockstep reads the ${target} ones`,
        info: true,
      });
    return unread;
  },
};

export const pop: Framework<"pop"> = {
  name: "pop",
  reader: popReader,
  runner: {
    bookkeepingTable: "schema_migration",
    transactions: "per-file",
    noTransaction: "<version>_<name>.autocommit.up.sql",
  },
};
