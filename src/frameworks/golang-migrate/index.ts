/**
 * golang-migrate: `<version>_<title>.up.sql` and `<version>_<title>.down.sql`, applied in numeric
 * order of the version (an unsigned 64-bit integer; names that do not parse are skipped, as
 * golang-migrate skips them; the same version twice in one direction is an error, as there).
 *
 * Transactions: the postgres driver sends the whole file in one Exec. PostgreSQL runs several
 * statements sent at once in one implicit transaction block, and a single statement on its own.
 * So a file that is exactly one statement needing to run outside a transaction block
 * (`CREATE INDEX CONCURRENTLY`, `ALTER TYPE … ADD VALUE`, … see transactions.ts) is read as
 * `transactional: false` (that is how such a migration works with golang-migrate), every other
 * file as `transactional: true` (for one ordinary statement, alone and in a transaction are the
 * same). Several statements including a CONCURRENTLY one stay `true`: golang-migrate would fail
 * on them exactly as the verifier does.
 */
import * as path from "node:path";
import type { Dialect } from "../../dialects/dialect.js";
import type { Step } from "../../plan/model.js";
import { InputError } from "../../util/errors.js";
import { assertFolder, compareDigits, fileSection, isDir, listEntries } from "../shared/files.js";
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
import { runsAloneOutsideTransaction } from "../shared/transactions.js";

const FILE = /^(\d+)_(.*)\.(up|down)\.sql$/;
const MAX_UINT64 = "18446744073709551615";

interface Pair {
  version: string;
  title: string;
  up?: string;
  down?: string;
}

function pairs(dir: string): Pair[] {
  const byVersion = new Map<string, Pair>();
  for (const e of listEntries(dir)) {
    const m = e.isFile ? FILE.exec(e.name) : null;
    if (!m) continue;
    const [, version, title, direction] = m as unknown as [string, string, string, "up" | "down"];
    if (compareDigits(version, MAX_UINT64) > 0) continue;
    const key = BigInt(version).toString();
    const pair = byVersion.get(key) ?? { version, title };
    const other = pair[direction];
    if (other) {
      throw new InputError(
        `duplicate ${direction} migration for version ${key} (also ${path.basename(other)})`,
        e.path,
      );
    }
    pair[direction] = e.path;
    if (direction === "up") {
      pair.version = version;
      pair.title = title;
    }
    byVersion.set(key, pair);
  }
  return [...byVersion.values()].sort((a, b) => compareDigits(a.version, b.version));
}

/**
 * Where a query is not one transaction (SQLite), golang-migrate's driver wraps each file in one
 * itself (`x-no-tx-wrap=true` turns that off; the file then holds its own BEGIN and COMMIT, which
 * the verifier follows as written).
 */
function section(file: string, dialect: Dialect): SqlSection {
  if (!dialect.queryIsOneTransaction) return fileSection(file, () => true);
  return fileSection(file, (text) => !runsAloneOutsideTransaction(text, dialect));
}

export const golangMigrateReader: FormatReader = {
  name: "golang-migrate",
  files: "<version>_<title>.up.sql and .down.sql (golang-migrate)",
  hasDowns: true,
  downFile: (m) => m.up.file.replace(/\.up\.sql$/, ".down.sql"),
  detect(dir) {
    // An `.up.sql` is the mark: plain-SQL folders have `.down.sql` files too.
    return isDir(dir) && listEntries(dir).some((e) => e.isFile && FILE.exec(e.name)?.[3] === "up");
  },
  /** A version with only a down file has nothing to apply and is left out. */
  read(dir, dialect) {
    assertFolder(dir);
    const migrations: MigrationFile[] = [];
    for (const p of pairs(dir)) {
      if (!p.up) continue;
      migrations.push({
        version: p.version,
        name: p.title,
        path: p.up,
        up: section(p.up, dialect),
        ...(p.down ? { down: section(p.down, dialect) } : {}),
      });
    }
    return migrations;
  },
};

type VersionStyle =
  { kind: "timestamp" } | { kind: "unix"; digits: 10 | 19 } | { kind: "sequence"; width: number; next: bigint };

/**
 * The newest existing version decides the style: `YYYYMMDDHHMMSS` → timestamps; 10 or 19 digits
 * (golang-migrate's `-format unix` / `unixNano`) → Unix time; anything else → a sequence, next
 * number, same width (`000012` → `000013`). An empty folder gets timestamps.
 */
function versionStyle(newest: string | undefined): VersionStyle {
  if (newest === undefined || parseTimestamp(newest)) return { kind: "timestamp" };
  if (newest.length === 10 && newest >= "1000000000") return { kind: "unix", digits: 10 };
  if (newest.length === 19 && newest >= "1000000000000000000") return { kind: "unix", digits: 19 };
  return { kind: "sequence", width: newest.length, next: BigInt(newest) + 1n };
}

function versions(request: WriteRequest, newest: string | undefined): string[] {
  const style = versionStyle(newest);
  const count = request.steps.length;
  if (style.kind === "sequence") {
    return Array.from({ length: count }, (_, i) => (style.next + BigInt(i)).toString().padStart(style.width, "0"));
  }
  if (style.kind === "unix") {
    const scale = style.digits === 19 ? 1_000_000_000n : 1n;
    let first = BigInt(Math.floor(request.now.getTime() / 1000)) * scale;
    if (newest !== undefined && BigInt(newest) >= first) first = (BigInt(newest) / scale + 1n) * scale;
    return Array.from({ length: count }, (_, i) => (first + BigInt(i) * scale).toString());
  }
  return successiveTimestamps(request.now, newest, count);
}

const NO_TRANSACTION_NOTE = "-- Runs outside a transaction: golang-migrate sends this single statement on its own.";

function content(step: Step, direction: "up" | "down"): string {
  if (!step.transactional && (direction === "up" ? step.up : step.down).length !== 1) {
    throw new Error(
      `step ${step.name} runs outside a transaction but has several ${direction} statements: golang-migrate would run them in one`,
    );
  }
  return sqlFile(step, direction, step.transactional ? [] : [NO_TRANSACTION_NOTE]);
}

/**
 * Writes `<version>_<name>.up.sql` and `.down.sql` per step, in the folder's version style.
 * A non-transactional step holds one statement each way (the planner guarantees it), which
 * golang-migrate runs outside a transaction: no marker is needed, only a note.
 */
export const golangMigrateWriter: FormatWriter = {
  name: "golang-migrate",
  plan(request: WriteRequest): PlannedFile[] {
    const existing = isDir(request.dir) ? pairs(request.dir) : [];
    const list = versions(request, existing.at(-1)?.version);
    return request.steps.flatMap((step, i) => {
      const base = `${list[i]}_${stepFileName(request, i)}`;
      return [
        { path: `${base}.up.sql`, content: content(step, "up") },
        { path: `${base}.down.sql`, content: content(step, "down") },
      ];
    });
  },
};

export const golangMigrate: Framework<"golang-migrate"> = {
  name: "golang-migrate",
  reader: golangMigrateReader,
  writer: golangMigrateWriter,
  runner: { bookkeepingTable: "schema_migrations", transactions: "one-query" },
};
