import type { SchemaEffect } from "./effects.js";

/**
 * A SQLite statement's `ast` (SqlStatement.ast): not a parse tree — SQLite has none to give — but
 * what SQLite said about the statement. The verb comes from SQLite's normalized text
 * (`sqlite3_normalized_sql`: comments gone, keywords upper-cased, literals as `?`), of which only
 * the leading keywords are read; the details come from running it on a scratch database (`effect`).
 */
export interface SqliteStatementInfo {
  /** Leading keywords of the normalized text: `CREATE TABLE`, `ALTER TABLE`, `PRAGMA`, `BEGIN`. */
  readonly verb: string;
  /** `sqlite3_normalized_sql`, e.g. `ALTER TABLE books ADD COLUMN copies int NOT NULL DEFAULT?;`. */
  readonly normalized: string;
  /** A WITH statement yields rows (a SELECT), else it changes data. */
  readonly returnsRows?: boolean;
  /** What the statement did to the schema on the scratch database. */
  readonly effect?: SchemaEffect;
  /** A PRAGMA's name and the value it reads back after running (`foreign_keys`, 0). */
  readonly pragma?: { readonly name: string; readonly value?: unknown };
  /** SQLite refused it on the scratch database (not a syntax error): its message. */
  readonly error?: string;
}

/**
 * The verbs SQLite's grammar starts a statement with, longest first. Normalized text puts one space
 * between keywords, so a prefix test is exact; what follows them (names) is never read.
 */
const VERBS = [
  "CREATE TEMPORARY TABLE",
  "CREATE TEMP TABLE",
  "CREATE VIRTUAL TABLE",
  "CREATE TABLE",
  "CREATE UNIQUE INDEX",
  "CREATE INDEX",
  "CREATE TEMPORARY VIEW",
  "CREATE TEMP VIEW",
  "CREATE VIEW",
  "CREATE TEMPORARY TRIGGER",
  "CREATE TEMP TRIGGER",
  "CREATE TRIGGER",
  "DROP TABLE",
  "DROP INDEX",
  "DROP VIEW",
  "DROP TRIGGER",
  "ALTER TABLE",
  "INSERT OR REPLACE",
  "INSERT",
  "REPLACE",
  "UPDATE",
  "DELETE",
  "SELECT",
  "VALUES",
  "WITH",
  "PRAGMA",
  "BEGIN",
  "COMMIT",
  "END",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
  "VACUUM",
  "ANALYZE",
  "REINDEX",
  "ATTACH",
  "DETACH",
  "EXPLAIN",
];

export function verbOf(normalized: string): string {
  const upper = normalized.trimStart();
  for (const verb of VERBS) {
    if (upper.startsWith(verb) && !/[A-Za-z0-9_]/.test(upper.charAt(verb.length))) return verb;
  }
  return "";
}

/**
 * The kind rules and recipes switch on: `CreateTable`, `AlterTableAddColumn`, `Pragma`, `Begin`…
 * ALTER TABLE's action is read from its effect (a column added, dropped, renamed; the table
 * renamed); one that changed nothing on the scratch database stays `AlterTable`.
 */
export function statementKind(info: SqliteStatementInfo): string {
  const verb = info.verb
    .replace(/ TEMP(ORARY)? /, " ")
    .replace("CREATE UNIQUE INDEX", "CREATE INDEX")
    .replace("INSERT OR REPLACE", "INSERT")
    .replace(/^REPLACE$/, "INSERT")
    .replace(/^END$/, "COMMIT");
  if (!verb) return "Unknown";
  if (verb === "ALTER TABLE") return alterKind(info.effect);
  if (verb === "WITH") return info.returnsRows ? "Select" : "With";
  return verb
    .toLowerCase()
    .split(" ")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function alterKind(effect: SchemaEffect | undefined): string {
  if (!effect) return "AlterTable";
  if (effect.created.some((o) => o.type === "table") && effect.dropped.some((o) => o.type === "table")) {
    return "AlterTableRename";
  }
  const alteration = effect.altered[0];
  if (alteration?.renamed.length) return "AlterTableRenameColumn";
  if (alteration?.added.length) return "AlterTableAddColumn";
  if (alteration?.dropped.length) return "AlterTableDropColumn";
  if (alteration?.changed.length) return "AlterTableAlterColumn";
  return "AlterTable";
}
