/**
 * What SQLite's rules read of a statement: its `ast` (SqliteStatementInfo, what SQLite said about
 * it while splitting: verb, effect on the schema, pragma, refusal). Never the SQL text.
 */
import type { LintContext } from "../../../lint/rule.js";
import type { SqlStatement } from "../../../schema/statement.js";
import type { TableAlteration } from "../effects.js";
import type { SqliteStatementInfo } from "../statement-kind.js";

export function infoOf(stmt: SqlStatement): SqliteStatementInfo {
  return stmt.ast as unknown as SqliteStatementInfo;
}

/** The table an ALTER TABLE changed the columns of, and how. */
export function alterationOf(stmt: SqlStatement): TableAlteration | undefined {
  return infoOf(stmt).effect?.altered[0];
}

/** `ALTER TABLE old RENAME TO new`: both names. */
export function renamedTable(stmt: SqlStatement): { from: string; to: string } | undefined {
  const effect = infoOf(stmt).effect;
  const from = effect?.dropped.find((o) => o.type === "table")?.name;
  const to = effect?.created.find((o) => o.type === "table")?.name;
  return from && to ? { from, to } : undefined;
}

/** True for a table the migration did not create: it holds rows (conformance: every table of --schema does). */
export function hasRows(ctx: LintContext, table: string): boolean {
  return ctx.isExisting(table);
}
