import { loadModule, parseSync } from "libpg-query";
import { type SqlOrigin, type SqlStatement, SqlSyntaxError } from "../../schema/statement.js";

/**
 * Splitting and parsing PostgreSQL with the real parser (libpg-query). Every statement keeps
 * where it stands in its file, so messages can say file, line and column.
 */
export { type SqlOrigin, type SqlStatement, SqlSyntaxError };

let loaded: Promise<void> | undefined;

/** Loads the parser's WebAssembly module; call once before `parseSql`. */
export function initParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/**
 * Throws when the parser is not loaded yet: for callers that read a parse failure as "not SQL",
 * so that a parser still loading is never taken for an expression that does not parse.
 */
export function assertParserLoaded(): void {
  try {
    parseSync("SELECT 1");
  } catch {
    throw new Error("the SQL parser is not loaded: await initParser() first");
  }
}

interface RawStmt {
  stmt: Record<string, unknown>;
  stmt_location?: number;
  stmt_len?: number;
}

export function parseSql(text: string, origin: SqlOrigin = {}): SqlStatement[] {
  // The parser refuses an empty query; a file of comments only has no statements.
  if (isBlank(text)) return [];
  const locate = locator(text, origin.startLine ?? 1);
  let stmts: RawStmt[];
  try {
    stmts = (parseSync(text) as unknown as { stmts?: RawStmt[] }).stmts ?? [];
  } catch (err) {
    const details = (err as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const at = locate(details?.cursorPosition ?? 0);
    throw new SqlSyntaxError(details?.message ?? (err as Error).message, origin.file, at.line, at.column);
  }
  return stmts.map((raw) => {
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined ? locate.byteLength : start + raw.stmt_len;
    const from = skipTrivia(text, locate.charIndex(start));
    const sql = text.slice(from, locate.charIndex(end)).replace(/[\s;]+$/, "");
    const at = locate.atChar(from);
    const kind = Object.keys(raw.stmt)[0] ?? "Unknown";
    return { sql, ast: raw.stmt, kind, line: at.line, column: at.column };
  });
}

/** True for a text of white space and comments only: it holds no statement (no parse needed). */
export function isBlank(text: string): boolean {
  return skipTrivia(text, 0) >= text.length;
}

/** Skips white space and comments (`--` and nested block comments) from `i`. */
function skipTrivia(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith("--", i)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith("/*", i)) {
      let depth = 0;
      do {
        if (text.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (text.startsWith("*/", i)) {
          depth--;
          i += 2;
        } else i++;
      } while (depth > 0 && i < text.length);
    } else return i;
  }
}

interface Locator {
  (byteOffset: number): { line: number; column: number };
  atChar(charIndex: number): { line: number; column: number };
  charIndex(byteOffset: number): number;
  byteLength: number;
}

/** libpg-query counts UTF-8 bytes; JavaScript strings count UTF-16 units. */
function locator(text: string, startLine: number): Locator {
  const ascii = !/[^\x00-\x7f]/.test(text);
  const bytes = ascii ? undefined : Buffer.from(text, "utf8");
  const charIndex = (byteOffset: number) =>
    bytes ? bytes.subarray(0, byteOffset).toString("utf8").length : byteOffset;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const atChar = (ci: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= ci) lo = mid;
      else hi = mid - 1;
    }
    return { line: startLine + lo, column: ci - lineStarts[lo]! + 1 };
  };
  const fn = ((byteOffset: number) => atChar(charIndex(byteOffset))) as Locator;
  fn.atChar = atChar;
  fn.charIndex = charIndex;
  fn.byteLength = bytes ? bytes.length : text.length;
  return fn;
}
