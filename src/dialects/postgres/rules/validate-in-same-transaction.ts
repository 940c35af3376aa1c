import { accessExclusiveTargets } from "../locks.js";
import { alterTable } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const validateInSameTransaction: Rule = {
  meta: {
    name: "validate-in-same-transaction",
    severity: "warning",
    description:
      "VALIDATE in the transaction that added the NOT VALID constraint, or after other ACCESS EXCLUSIVE statements",
    docs: "VALIDATE CONSTRAINT is cheap on locks only when it runs in its own transaction: in the one that added the constraint (or after any ACCESS EXCLUSIVE statement), the ACCESS EXCLUSIVE lock is still held for the whole scan, which is what NOT VALID was meant to avoid. Commit first, then validate.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !stmt.inTransaction) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== "AT_ValidateConstraint") continue;
      const name = String(cmd.name);
      const sameTx = ctx.notValidInTransaction.has(name);
      const locked = ctx.transactionSoFar.flatMap(accessExclusiveTargets).filter((t) => ctx.isExisting(t));
      if (!sameTx && locked.length === 0) continue;
      ctx.report({
        message: sameTx
          ? `${name} is validated in the transaction that added it: the lock taken to add it is held for the whole scan`
          : `VALIDATE runs after statements that lock ${[...new Set(locked)].join(", ")} ACCESS EXCLUSIVE in this transaction: those locks are held for the whole scan`,
        fix: `COMMIT; -- or end the migration here\n-- next migration (own transaction):\nALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${name};`,
      });
    }
  },
};
