import { nodeOf } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const transactionNesting: Rule = {
  meta: {
    name: "transaction-nesting",
    severity: "error",
    description: "BEGIN/COMMIT inside a migration the tool wraps in a transaction; or BEGIN with no COMMIT",
    docs: "Most migration tools run each file in a transaction. A BEGIN inside it is ignored with a warning, and its COMMIT ends the tool's transaction early: what follows runs outside any transaction and a failure leaves the migration half applied. A BEGIN with no COMMIT leaves the transaction open. Remove them, or use the format's no-transaction marker and manage the transaction yourself.",
  },
  kinds: ["TransactionStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "TransactionStmt") return;
    const kind = nodeOf(stmt).kind;
    if (
      (kind === "TRANS_STMT_COMMIT" || kind === "TRANS_STMT_ROLLBACK") &&
      stmt.inTransaction &&
      !ctx.explicitTransaction
    ) {
      ctx.report({
        message: `${kind === "TRANS_STMT_COMMIT" ? "COMMIT" : "ROLLBACK"} ends the transaction the migration tool opened: what follows runs outside it, and a failure leaves the migration half applied`,
        fix: "-- remove it; put statements that cannot run in a transaction in their own migration with the no-transaction marker",
      });
      return;
    }
    if (kind !== "TRANS_STMT_BEGIN" && kind !== "TRANS_STMT_START") return;
    if (stmt.inTransaction) {
      ctx.report({
        message:
          "BEGIN inside a transaction that is already open (the migration's own): its COMMIT ends the outer transaction early",
        fix: "-- remove BEGIN/COMMIT, or mark the migration to run without a transaction",
      });
      return;
    }
    const closed = ctx.rest.some(
      (s) =>
        s.file === stmt.file &&
        s.kind === "TransactionStmt" &&
        ["TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"].includes(String(nodeOf(s).kind)),
    );
    if (!closed)
      ctx.report({
        message: "BEGIN with no COMMIT: the transaction is left open",
        fix: `${stmt.sql};\n-- …\nCOMMIT;`,
      });
  },
};
