import { nodeOf, rangeVarName } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const truncateTable: Rule = {
  meta: {
    name: "truncate-table",
    severity: "error",
    description: "TRUNCATE (data loss; CASCADE widens it)",
    docs: "TRUNCATE deletes every row under ACCESS EXCLUSIVE, and with CASCADE every row of the tables that reference it too. Name each table explicitly without CASCADE, or delete in batches.",
  },
  kinds: ["TruncateStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "TruncateStmt") return;
    const node = nodeOf(stmt);
    const names = ((node.relations ?? []) as { RangeVar?: unknown }[])
      .map((r) => rangeVarName(r.RangeVar))
      .filter((t): t is string => !!t && ctx.isExisting(t));
    if (names.length === 0) return;
    const cascade = node.behavior === "DROP_CASCADE";
    ctx.report({
      object: names.join(","),
      message: `TRUNCATE deletes every row of ${names.join(", ")}${cascade ? ", and CASCADE empties every table that references them" : ""}`,
      fix: `-- delete in batches instead:\nDELETE FROM ${names[0]} WHERE id IN (SELECT id FROM ${names[0]} LIMIT 10000); -- repeat until no rows`,
    });
  },
};
