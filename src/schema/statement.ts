/**
 * A statement as every dialect hands it to the core: its text and where it stands in its file. The
 * parse tree (`ast`) is the dialect's own; only that dialect's rules and recipes read inside it.
 */
export interface SqlStatement {
  /** The statement's text, from its first token to its end, without the `;`. */
  readonly sql: string;
  /** The dialect's parse tree (PostgreSQL: one key, the node type: `CreateStmt`, `IndexStmt`, …). */
  readonly ast: Record<string, unknown>;
  /** The statement's kind as the dialect names it (PostgreSQL: the parse-tree node type). */
  readonly kind: string;
  /** 1-based line and column of the statement's first token in its file. */
  readonly line: number;
  readonly column: number;
}

/** Where a piece of SQL comes from: a file, and the line its text starts on there. */
export interface SqlOrigin {
  readonly file?: string;
  /** 1-based line of the text's first character in the file (a section of a dbmate file starts later). */
  readonly startLine?: number;
}

/** SQL the dialect's parser (or engine) refused, located: exit 2 with file, line and column. */
export class SqlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly file: string | undefined,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${file ?? "<sql>"}:${line}:${column}: ${reason}`);
    this.name = "SqlSyntaxError";
  }
}
