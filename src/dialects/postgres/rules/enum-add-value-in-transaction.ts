import { nodeOf, stringList } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const enumAddValueInTransaction: Rule = {
  meta: {
    name: "enum-add-value-in-transaction",
    severity: "warning",
    description: "ALTER TYPE … ADD VALUE in a transaction with other statements",
    docs: "Before PostgreSQL 12, ALTER TYPE … ADD VALUE cannot run inside a transaction block at all. From 12 it can, but the new value cannot be used until the transaction commits: a later statement in the same transaction that writes it fails. Give it its own step.",
  },
  kinds: ["AlterEnumStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "AlterEnumStmt" || !stmt.inTransaction) return;
    const node = nodeOf(stmt);
    if (node.newVal === undefined || node.oldVal !== undefined) return;
    const others = ctx.transactionSoFar.length + ctx.followingInTransaction.length;
    if (ctx.postgresVersion >= 12 && others === 0) return;
    const type = stringList(node.typeName).join(".");
    ctx.report({
      message:
        ctx.postgresVersion < 12
          ? `before PostgreSQL 12, ALTER TYPE ${type} ADD VALUE fails inside a transaction block`
          : `ALTER TYPE ${type} ADD VALUE shares its transaction with other statements: '${String(node.newVal)}' cannot be used before the transaction commits`,
      fix: `-- in its own migration (no other statements, or no transaction):\n${stmt.sql};`,
    });
  },
};
