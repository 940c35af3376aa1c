import type { Rule } from "../../../lint/rule.js";
import { ident } from "../render.js";
import { renamedTable } from "./statement-info.js";

export const renameTable: Rule = {
  meta: {
    name: "rename-table",
    severity: "error",
    description: "RENAME TABLE (running code breaks)",
    docs: "ALTER TABLE … RENAME TO breaks every query of the running code that names the old table, the moment it commits. Expand and contract instead: create the new table, write to both (or a trigger), copy the rows, switch reads, then drop the old one; or rename and create a view under the old name for the time the old code runs.",
  },
  kinds: ["AlterTableRename"],
  check(stmt, ctx) {
    const renamed = renamedTable(stmt);
    if (!renamed || !ctx.isExisting(renamed.from)) return;
    ctx.report({
      object: renamed.from,
      message: `renaming ${renamed.from} to ${renamed.to} breaks running code that still names ${renamed.from}`,
      fix: `ALTER TABLE ${ident(renamed.from)} RENAME TO ${ident(renamed.to)};\nCREATE VIEW ${ident(renamed.from)} AS SELECT * FROM ${ident(renamed.to)};  -- until no code names it`,
    });
  },
};
