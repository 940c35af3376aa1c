/**
 * Flyway SQL migrations, with Flyway's default naming (checked against Flyway's ResourceNameParser
 * and MigrationVersion):
 *
 * - `V<version>__<description>.sql` versioned, `U<version>__<description>.sql` its undo,
 *   `R__<description>.sql` repeatable; the suffix is matched ignoring case, prefixes are not;
 *   the folder is searched recursively, as Flyway scans a location;
 * - a version is digits separated by `.` or `_` (`1_2` is `1.2`); versions compare part by part as
 *   numbers, missing parts count as 0, so `1.2.10` > `1.2.9` and `1.0` is the same version as `1`
 *   (two files with one version are an error, as in Flyway);
 * - repeatables run after all versioned migrations, ordered by description; they have no undo;
 * - `<script>.sql.conf` beside a script may set `executeInTransaction=false`. Without it, Flyway's
 *   PostgreSQL support runs the script outside a transaction when a statement needs it
 *   (CONCURRENTLY, VACUUM, …): see `flywayDetectsNoTransaction`.
 *
 * Names Flyway would ignore (`Vacuum.sql`) are ignored; a `V`/`U` name followed by a digit, or an
 * `R` name with a version, that is not a valid migration name is reported rather than skipped.
 */
import * as path from "node:path";
import type { Dialect } from "../../dialects/dialect.js";
import type { Step } from "../../plan/model.js";
import { InputError } from "../../util/errors.js";
import {
  assertFolder,
  codeUnitCompare,
  compareDigits,
  fileSection,
  isDir,
  listEntries,
  readBooleanSetting,
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
import { parseTimestamp, sqlFile, stepFileName, successiveTimestamps } from "../shared/render.js";
import { flywayDetectsNoTransaction } from "./no-transaction.js";

const VERSION = /^\d+(?:[._]\d+)*$/;
const DETECT = /^(?:V\d[\d._]*|R)__.*\.[sS][qQ][lL]$/;

interface Script {
  readonly kind: "V" | "U" | "R";
  readonly version: string;
  readonly description: string;
  readonly file: string;
}

/** Flyway's comparison: numeric parts, trailing zero parts ignored. */
export function compareFlywayVersions(a: string, b: string): number {
  const pa = a.split(/[._]/);
  const pb = b.split(/[._]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = compareDigits(pa[i] ?? "0", pb[i] ?? "0");
    if (c !== 0) return c;
  }
  return 0;
}

/** Files under `dir`, sub-folders included (hidden ones and `node_modules` left out). */
function allFiles(dir: string, depth = 0): { name: string; path: string }[] {
  if (depth > 20) return [];
  return listEntries(dir).flatMap((e) =>
    e.isDir && e.name !== "node_modules" ? allFiles(e.path, depth + 1) : e.isFile ? [e] : [],
  );
}

function scripts(dir: string): Script[] {
  const found: Script[] = [];
  for (const f of allFiles(dir)) {
    if (!/\.sql$/i.test(f.name)) continue;
    const kind = f.name[0];
    if (kind !== "V" && kind !== "U" && kind !== "R") continue;
    const stem = f.name.slice(1, -4);
    const sep = stem.indexOf("__");
    const version = sep < 0 ? stem : stem.slice(0, sep);
    const description = sep < 0 ? "" : stem.slice(sep + 2);
    if (kind === "R") {
      if (sep === 0) found.push({ kind, version: "", description, file: f.path });
      else if (sep > 0) {
        throw new InputError("a repeatable migration (R__) cannot have a version", f.path);
      }
      continue;
    }
    if (!/^\d/.test(stem)) continue;
    if (sep < 0) {
      throw new InputError(
        `not a Flyway migration name: expected ${kind}<version>__<description>.sql (two underscores)`,
        f.path,
      );
    }
    if (!VERSION.test(version)) {
      throw new InputError(`not a Flyway version: "${version}" (digits separated by . or _)`, f.path);
    }
    found.push({ kind, version, description, file: f.path });
  }
  return found;
}

/** `executeInTransaction` from a `.sql.conf` (a properties file), if set. */
function executeInTransaction(script: string): boolean | undefined {
  return readBooleanSetting(`${script}.conf`, {
    name: "executeInTransaction",
    valueOf(raw) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#") || line.startsWith("!")) return undefined;
      const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
      return m?.[1] === "executeInTransaction" ? m[2] : undefined;
    },
    ignoreCase: true,
    quoteInError: true,
  });
}

function section(file: string, dialect: Dialect): SqlSection {
  return fileSection(file, (text) => executeInTransaction(file) ?? !flywayDetectsNoTransaction(text, dialect));
}

function byVersion(list: Script[]): Map<string, Script> {
  const map = new Map<string, Script>();
  for (const s of list) {
    const key = s.version.split(/[._]/).map((p) => BigInt(p).toString());
    while (key.length > 1 && key.at(-1) === "0") key.pop();
    const other = map.get(key.join("."));
    if (other) {
      throw new InputError(
        `two ${s.kind === "V" ? "migrations" : "undo migrations"} with version ${key.join(".")} (also ${path.basename(other.file)})`,
        s.file,
      );
    }
    map.set(key.join("."), s);
  }
  return map;
}

export const flywayReader: FormatReader = {
  name: "flyway",
  files: "V<version>__<description>.sql, U<version>__…, R__… (Flyway)",
  hasDowns: true,
  /** `U<version>__<description>.sql` beside the `V` script; repeatables have no undo. */
  downFile: (m) =>
    m.version === "" ? undefined : path.join(path.dirname(m.up.file), `U${path.basename(m.up.file).slice(1)}`),
  detect(dir) {
    return isDir(dir) && allFiles(dir).some((f) => DETECT.test(f.name));
  },
  /** Versioned migrations (version `1.2`, as Flyway displays it), then repeatables (version ""). */
  read(dir, dialect) {
    assertFolder(dir);
    const all = scripts(dir);
    const versioned = byVersion(all.filter((s) => s.kind === "V"));
    const undo = byVersion(all.filter((s) => s.kind === "U"));
    const migrations: MigrationFile[] = [...versioned.entries()]
      .sort(([, a], [, b]) => compareFlywayVersions(a.version, b.version))
      .map(([key, s]) => {
        const u = undo.get(key);
        return {
          version: s.version.replace(/_/g, "."),
          name: s.description,
          path: s.file,
          up: section(s.file, dialect),
          ...(u ? { down: section(u.file, dialect) } : {}),
        };
      });
    const repeatable = all
      .filter((s) => s.kind === "R")
      .sort((a, b) => codeUnitCompare(a.description.replace(/_/g, " "), b.description.replace(/_/g, " ")));
    for (const s of repeatable) {
      migrations.push({ version: "", name: s.description, path: s.file, up: section(s.file, dialect) });
    }
    return migrations;
  },
};

/**
 * The next versions after the newest versioned migration: a `YYYYMMDDHHMMSS` version continues
 * with timestamps (successive seconds, not before `now`); otherwise the last part is incremented,
 * keeping its width and the separators (`1.2.9` → `1.2.10`, `0012` → `0013`). A new folder starts
 * at `1`.
 */
function nextVersions(request: WriteRequest, newest: string | undefined): string[] {
  const count = request.steps.length;
  if (newest !== undefined && parseTimestamp(newest)) return successiveTimestamps(request.now, newest, count);
  const m = /^(.*?)(\d+)$/.exec(newest ?? "0")!;
  const [, prefix, last] = m as unknown as [string, string, string];
  return Array.from(
    { length: count },
    (_, i) => `${prefix}${(BigInt(last) + BigInt(i + 1)).toString().padStart(last.length, "0")}`,
  );
}

const NO_TRANSACTION_CONF = "executeInTransaction=false\n";

function files(step: Step, version: string, name: string): PlannedFile[] {
  const up = `V${version}__${name}.sql`;
  const undo = `U${version}__${name}.sql`;
  const planned: PlannedFile[] = [
    { path: up, content: sqlFile(step, "up") },
    { path: undo, content: sqlFile(step, "down") },
  ];
  if (!step.transactional) {
    planned.push({ path: `${up}.conf`, content: NO_TRANSACTION_CONF });
    planned.push({ path: `${undo}.conf`, content: NO_TRANSACTION_CONF });
  }
  return planned;
}

/**
 * Writes `V<version>__<name>.sql`, its undo `U<version>__<name>.sql` (Flyway Teams runs undos;
 * elsewhere they document the rollback), and for a non-transactional step a `.sql.conf` beside
 * each with `executeInTransaction=false`.
 */
export const flywayWriter: FormatWriter = {
  name: "flyway",
  plan(request: WriteRequest): PlannedFile[] {
    const existing = isDir(request.dir) ? scripts(request.dir).filter((s) => s.kind === "V") : [];
    const newest = existing.sort((a, b) => compareFlywayVersions(a.version, b.version)).at(-1);
    const versions = nextVersions(request, newest?.version);
    return request.steps.flatMap((step, i) => files(step, versions[i]!, stepFileName(request, i)));
  },
};

export const flyway: Framework<"flyway"> = {
  name: "flyway",
  reader: flywayReader,
  writer: flywayWriter,
  runner: {
    bookkeepingTable: "flyway_schema_history",
    transactions: "per-file",
    noTransaction: "<script>.sql.conf with executeInTransaction=false",
  },
};
