/**
 * Flyway runs a migration outside a transaction on its own accord when one of its statements
 * cannot run inside one, by its own list for each database (its PostgreSQL support: CREATE/DROP
 * INDEX CONCURRENTLY, CREATE/DROP DATABASE, TABLESPACE or SUBSCRIPTION, ALTER SYSTEM, REINDEX
 * SCHEMA/DATABASE/SYSTEM, VACUUM, DISCARD ALL). That list is Flyway's, not the database's (it
 * leaves REINDEX CONCURRENTLY and ADD VALUE in a transaction), so it lives here, per dialect, on
 * the statements the dialect parses. A dialect Flyway has no list for here: every file runs in one.
 */
import type { Dialect, DialectName, SqlStatement } from "../../dialects/dialect.js";
import { statementsOf } from "../shared/transactions.js";

type Node = Record<string, unknown>;

// Cheap pre-check: none of Flyway's non-transactional PostgreSQL statements can be written
// without one of these words, so most files are never parsed.
const POSTGRES_HINT = /concurrently|database|tablespace|subscription|system|reindex|vacuum|discard/i;

/** Flyway's PostgreSQL list, on PostgreSQL's parse tree. */
function postgresNonTransactional(stmt: SqlStatement): boolean {
  const [kind, body] = Object.entries(stmt.ast)[0] ?? [];
  const node = (body ?? {}) as Node;
  switch (kind) {
    case "IndexStmt":
      return node.concurrent === true;
    case "DropStmt":
      return node.concurrent === true && node.removeType === "OBJECT_INDEX";
    case "CreatedbStmt":
    case "DropdbStmt":
    case "CreateTableSpaceStmt":
    case "DropTableSpaceStmt":
    case "CreateSubscriptionStmt":
    case "DropSubscriptionStmt":
    case "AlterSystemStmt":
      return true;
    case "ReindexStmt":
      return ["REINDEX_OBJECT_SCHEMA", "REINDEX_OBJECT_DATABASE", "REINDEX_OBJECT_SYSTEM"].includes(
        node.kind as string,
      );
    case "VacuumStmt":
      return node.is_vacuumcmd === true;
    case "DiscardStmt":
      return node.target === "DISCARD_ALL";
    default:
      return false;
  }
}

/** Flyway's list for each dialect: a cheap pre-check on the text, then the test of each statement. */
const LISTS: Readonly<Partial<Record<DialectName, { hint: RegExp; test: (stmt: SqlStatement) => boolean }>>> = {
  postgres: { hint: POSTGRES_HINT, test: postgresNonTransactional },
};

/** True when Flyway would run the file outside a transaction on its own accord. */
export function flywayDetectsNoTransaction(text: string, dialect: Dialect): boolean {
  const list = LISTS[dialect.name];
  if (!list?.hint.test(text)) return false;
  return (statementsOf(text, dialect) ?? []).some(list.test);
}
