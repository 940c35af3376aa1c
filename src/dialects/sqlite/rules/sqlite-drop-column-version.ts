import type { Rule } from "../../../lint/rule.js";
import { FEATURES, supports } from "../versions.js";
import { alterationOf } from "./statement-info.js";

export const sqliteDropColumnVersion: Rule = {
  meta: {
    name: "sqlite-drop-column-version",
    severity: "warning",
    description: "DROP COLUMN on a SQLite older than 3.35 (--sqlite-version), which does not have it",
    docs: "ALTER TABLE … DROP COLUMN arrived in SQLite 3.35 (March 2021); older versions (Android's, an old system library) reject it with a syntax error. Where the migration must run on such a version, rebuild the table without the column instead (create the new table, copy, drop, rename: lockstep plan --sqlite-version writes it), or raise --sqlite-version if every deployment runs 3.35 or later.",
  },
  kinds: ["AlterTableDropColumn"],
  check(stmt, ctx) {
    if (supports("dropColumn", ctx.sqliteVersion)) return;
    const alteration = alterationOf(stmt);
    const column = alteration?.dropped[0]?.name ?? "?";
    ctx.report({
      object: `${alteration?.table ?? "?"}.${column}`,
      message: `DROP COLUMN needs SQLite ${FEATURES.dropColumn.replace(/\.0$/, "")}; the migration must run on ${ctx.sqliteVersion}, which rejects it`,
      fix: `-- rebuild ${alteration?.table ?? "the table"} without ${column} (lockstep plan --sqlite-version ${ctx.sqliteVersion} writes it), or raise --sqlite-version to 3.35`,
    });
  },
};
