import type { Database } from "../engines/engine.js";
import { EngineError } from "../engines/engine.js";
import { parseSql, type SqlOrigin, SqlSyntaxError } from "../dialects/postgres/parse.js";
import { InputError } from "../util/errors.js";

/**
 * Runs SQL text one statement at a time, as split by the real parser, inside a transaction when
 * asked. A statement the engine rejects becomes an InputError at its file, line and column.
 */
export async function executeSql(db: Database, text: string, origin: SqlOrigin, transactional: boolean): Promise<void> {
  let statements: ReturnType<typeof parseSql>;
  try {
    statements = parseSql(text, origin);
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw new InputError(err.reason, err.file, err.line, err.column);
    throw err;
  }
  if (statements.length === 0) return;
  if (transactional) await db.exec("BEGIN");
  for (const stmt of statements) {
    try {
      await db.exec(stmt.sql);
    } catch (err) {
      if (transactional) await db.exec("ROLLBACK").catch(() => {});
      if (!(err instanceof EngineError)) throw err;
      const at = positionIn(stmt.sql, err.position, stmt.line, stmt.column);
      throw new InputError(err.message, origin.file, at.line, at.column);
    }
  }
  if (transactional) await db.exec("COMMIT");
}

/** The file position of a 1-based character position inside a statement that starts at line:column. */
function positionIn(sql: string, position: number | undefined, line: number, column: number) {
  if (!position || position < 1) return { line, column };
  const before = sql.slice(0, position - 1);
  const lines = before.split("\n");
  if (lines.length === 1) return { line, column: column + before.length };
  return { line: line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}
