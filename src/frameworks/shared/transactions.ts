/**
 * Some tools decide from the SQL itself whether a file runs in a transaction, so their readers
 * need the real parser (libpg-query) to say what the tool would do:
 *
 * - golang-migrate and Prisma send a whole file as one simple-protocol query. PostgreSQL runs a
 *   multi-statement query in one implicit transaction block, and a single statement on its own
 *   (autocommit), which is why "put CREATE INDEX CONCURRENTLY alone in its own migration" works
 *   with them. For an ordinary statement, alone or in a transaction is the same thing; it differs
 *   only for statements PostgreSQL refuses, or runs differently, inside a transaction block.
 *   `runsAloneOutsideTransaction` is true for a file that is exactly one such statement.
 * - Flyway's PostgreSQL support runs a migration outside a transaction when one of its statements
 *   cannot run inside one (its own list: CREATE/DROP INDEX CONCURRENTLY, CREATE/DROP DATABASE,
 *   TABLESPACE or SUBSCRIPTION, ALTER SYSTEM, REINDEX SCHEMA/DATABASE/SYSTEM, VACUUM, DISCARD ALL).
 *   `flywayDetectsNoTransaction` mirrors that list on the parse tree.
 *
 * The parser must be loaded (`await initParser()`; `readMigrations` does it). A text that does not
 * parse, or is larger than `MAX_PARSE_CHARS`, is taken as transactional: the linter reports the
 * syntax error with its location, and no statement that must run alone is 10 MB long.
 */
import { parseSync } from "libpg-query";
import { outsideTransactionOnly } from "../../dialects/postgres/transactions.js";

export const MAX_PARSE_CHARS = 10_000_000;

type Node = Record<string, unknown>;

/** Parse trees of the statements, or undefined when the text does not parse or is too large. */
function statements(text: string): Node[] | undefined {
  if (text.length > MAX_PARSE_CHARS) return undefined;
  if (text.trim() === "") return [];
  try {
    const result = parseSync(text) as unknown as { stmts?: { stmt: Node }[] };
    return (result.stmts ?? []).map((s) => s.stmt);
  } catch (err) {
    const message = (err as Error).message ?? "";
    if (/not initialized|loadModule/i.test(message)) {
      throw new Error(
        "the SQL parser is not loaded: await initParser() (or use readMigrations) before reading golang-migrate, Flyway or Prisma migrations",
      );
    }
    return undefined;
  }
}

// Cheap pre-check: the statements below cannot be written without one of these words.
const ALONE_HINT =
  /concurrently|database|tablespace|subscription|system|reindex|vacuum|discard|cluster|add\s+value|\bcall\b|\bdo\b/i;

/**
 * True when the text is a single statement that must not, or would behave differently, in a
 * transaction block: what golang-migrate and Prisma run on its own, outside any transaction.
 */
export function runsAloneOutsideTransaction(text: string): boolean {
  if (!ALONE_HINT.test(text)) return false;
  const list = statements(text);
  return list?.length === 1 && outsideTransactionOnly(list[0]!);
}

// Cheap pre-check: none of Flyway's non-transactional statements can be written without one of
// these words, so most files are never parsed.
const FLYWAY_HINT = /concurrently|database|tablespace|subscription|system|reindex|vacuum|discard/i;

/** True when Flyway (PostgreSQL) would run the file outside a transaction on its own accord. */
export function flywayDetectsNoTransaction(text: string): boolean {
  if (!FLYWAY_HINT.test(text)) return false;
  return (statements(text) ?? []).some(flywayNonTransactional);
}

function flywayNonTransactional(stmt: Node): boolean {
  const [kind, body] = Object.entries(stmt)[0] ?? [];
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
