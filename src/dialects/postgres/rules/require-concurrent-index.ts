import { rangeVarName } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const requireConcurrentIndex: Rule = {
  meta: {
    name: "require-concurrent-index",
    severity: "warning",
    description: "CREATE INDEX without CONCURRENTLY on an existing table",
    docs: "A plain CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE waits. Build it with CREATE INDEX CONCURRENTLY, alone, outside a transaction (the format's no-transaction marker).",
  },
  kinds: ["IndexStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "IndexStmt") return;
    const node = stmt.ast.IndexStmt as { concurrent?: boolean; relation?: unknown };
    const table = rangeVarName(node.relation);
    if (node.concurrent || !table || !ctx.isExisting(table)) return;
    ctx.report({
      message: `CREATE INDEX on ${table} blocks writes to it for the whole build`,
      fix: `${stmt.sql.replace(/^CREATE\s+(UNIQUE\s+)?INDEX\s+/i, (m) => `${m}CONCURRENTLY `)}; -- alone, outside a transaction`,
    });
  },
};
