import type { Rule } from "../../../lint/rule.js";
import { FEATURES, supports } from "../versions.js";
import { alterationOf } from "./statement-info.js";

/** The sibling of sqlite-drop-column-version for RENAME COLUMN (SQLite 3.25). */
export const sqliteRenameColumnVersion: Rule = {
  meta: {
    name: "sqlite-rename-column-version",
    severity: "warning",
    description: "RENAME COLUMN on a SQLite older than 3.25 (--sqlite-version), which does not have it",
    docs: "ALTER TABLE … RENAME COLUMN arrived in SQLite 3.25 (September 2018); older versions reject it with a syntax error. Where the migration must run on such a version, rebuild the table with the new column name (lockstep plan --sqlite-version writes it), or raise --sqlite-version if every deployment runs 3.25 or later.",
  },
  kinds: ["AlterTableRenameColumn"],
  check(stmt, ctx) {
    if (supports("renameColumn", ctx.sqliteVersion)) return;
    const alteration = alterationOf(stmt);
    const renamed = alteration?.renamed[0];
    ctx.report({
      object: `${alteration?.table ?? "?"}.${renamed?.from ?? "?"}`,
      message: `RENAME COLUMN needs SQLite ${FEATURES.renameColumn.replace(/\.0$/, "")}; the migration must run on ${ctx.sqliteVersion}, which rejects it`,
      fix: `-- rebuild ${alteration?.table ?? "the table"} with the column named ${renamed?.to ?? "anew"}, or raise --sqlite-version to 3.25`,
    });
  },
};
