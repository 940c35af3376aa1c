/**
 * Some tools decide from the SQL itself whether a file runs in a transaction, so their readers
 * parse it, with the dialect they are handed, to say what the tool would do:
 *
 * - golang-migrate and Prisma send a whole file as one simple-protocol query. PostgreSQL runs a
 *   multi-statement query in one implicit transaction block, and a single statement on its own
 *   (autocommit), which is why "put CREATE INDEX CONCURRENTLY alone in its own migration" works
 *   with them. For an ordinary statement, alone or in a transaction is the same thing; it differs
 *   only for statements the dialect refuses, or runs differently, inside a transaction block
 *   (`Dialect.outsideTransactionOnly`). `runsAloneOutsideTransaction` is true for a file that is
 *   exactly one such statement.
 * - Flyway decides with its own list per database: see flyway/no-transaction.ts.
 *
 * The dialect's parser must be loaded (`await dialect.ready()`; `readMigrations` does it). A text
 * that does not parse, or is larger than `MAX_PARSE_CHARS`, is taken as transactional: the linter
 * reports the syntax error with its location, and no statement that must run alone is 10 MB long.
 */
import type { Dialect, SqlStatement } from "../../dialects/dialect.js";

export const MAX_PARSE_CHARS = 10_000_000;

/** The statements of the text, or undefined when it does not parse or is too large. */
export function statementsOf(text: string, dialect: Dialect): SqlStatement[] | undefined {
  if (text.length > MAX_PARSE_CHARS) return undefined;
  if (text.trim() === "") return [];
  try {
    return dialect.split(text);
  } catch (err) {
    const message = (err as Error).message ?? "";
    if (/not initialized|loadModule/i.test(message)) {
      throw new Error(
        "the SQL parser is not loaded: await dialect.ready() (or use readMigrations) before reading golang-migrate, Flyway or Prisma migrations",
      );
    }
    return undefined;
  }
}

/**
 * True when the text is a single statement that must not, or would behave differently, in a
 * transaction block: what golang-migrate and Prisma run on its own, outside any transaction.
 */
export function runsAloneOutsideTransaction(text: string, dialect: Dialect): boolean {
  if (!dialect.mayHoldOutsideTransactionOnly(text)) return false;
  const list = statementsOf(text, dialect);
  return list?.length === 1 && dialect.outsideTransactionOnly(list[0]!);
}
