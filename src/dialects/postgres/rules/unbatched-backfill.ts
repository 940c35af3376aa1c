import { findNodes, nodeOf, rangeVarName, stringList, type Node } from "../statements.js";
import type { LintContext, Rule } from "../../../lint/rule.js";

const RANGE_OPS = new Set(["<", "<=", ">", ">=", "="]);

/**
 * Counts as batched (kept simple on purpose): a WHERE that restricts the primary key (or `id`
 * without --schema) by a range, BETWEEN, `=` or `IN (…)`, or a WHERE with a sub-select that has
 * a LIMIT (`WHERE id IN (SELECT id … LIMIT 1000)`). Statements inside a DO block are not seen:
 * a DO loop is taken as batching.
 */
function batched(where: unknown, table: string, ctx: LintContext): boolean {
  if (!where) return false;
  if (findNodes(where, "SelectStmt").some((s) => s.limitCount !== undefined)) return true;
  const keys = ctx.table(table)?.primaryKey?.columns ?? ["id"];
  return findNodes(where, "A_Expr").some((e: Node) => {
    const op = stringList(e.name)[0] ?? "";
    const ranged = e.kind === "AEXPR_BETWEEN" || e.kind === "AEXPR_IN" || (e.kind === "AEXPR_OP" && RANGE_OPS.has(op));
    if (!ranged) return false;
    const cols = findNodes([e.lexpr, e.rexpr], "ColumnRef").map((c) => stringList(c.fields).pop() ?? "");
    return cols.some((c) => keys.includes(c));
  });
}

export const unbatchedBackfill: Rule = {
  meta: {
    name: "unbatched-backfill",
    severity: "warning",
    description: "UPDATE or DELETE on an existing table with no batching",
    docs: "One UPDATE or DELETE over a whole table locks every row it touches until the transaction commits, bloats the table and the WAL, and holds back replicas. Process it in batches by primary key with a limit, each committed on its own, in a migration of its own.",
  },
  kinds: ["UpdateStmt", "DeleteStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "UpdateStmt" && stmt.kind !== "DeleteStmt") return;
    const node = nodeOf(stmt);
    const table = rangeVarName(node.relation);
    if (!table || !ctx.isExisting(table) || batched(node.whereClause, table, ctx)) return;
    const verb = stmt.kind === "UpdateStmt" ? "UPDATE" : "DELETE";
    const key = ctx.table(table)?.primaryKey?.columns[0] ?? "id";
    const where = /\sWHERE\s+([\s\S]*)$/i.exec(stmt.sql)?.[1];
    const head = verb === "UPDATE" ? stmt.sql.replace(/\s+WHERE\s+[\s\S]*$/i, "") : `DELETE FROM ${table}`;
    ctx.report({
      message: `${verb} on ${table} touches every matching row in one transaction: all of them stay locked until it commits`,
      fix: `-- in its own migration, one transaction per batch; advance :start by 10000 until past max(${key}):\n${head} WHERE ${where ? `(${where}) AND ` : ""}${key} >= :start AND ${key} < :start + 10000;`,
    });
  },
};
