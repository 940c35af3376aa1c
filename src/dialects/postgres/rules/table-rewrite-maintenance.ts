import { alterTable, nodeOf, rangeVarName } from "../statements.js";
import type { LintStatement, Rule } from "../../../lint/rule.js";

const ALTER_FORMS: Record<string, string> = {
  AT_SetLogged: "SET LOGGED",
  AT_SetUnLogged: "SET UNLOGGED",
  AT_SetAccessMethod: "SET ACCESS METHOD",
  AT_SetTableSpace: "SET TABLESPACE",
};

/** The maintenance form and its tables: VACUUM FULL, CLUSTER, and the rewriting ALTER TABLE forms. */
function rewrites(stmt: LintStatement): { form: string; tables: string[] } | undefined {
  const node = nodeOf(stmt);
  if (stmt.kind === "VacuumStmt") {
    const full = ((node.options ?? []) as { DefElem?: { defname?: string } }[]).some(
      (o) => o.DefElem?.defname === "full",
    );
    if (!full) return undefined;
    const rels = ((node.rels ?? []) as { VacuumRelation?: { relation?: unknown } }[])
      .map((r) => rangeVarName(r.VacuumRelation?.relation))
      .filter((t): t is string => !!t);
    return { form: "VACUUM FULL", tables: rels };
  }
  if (stmt.kind === "ClusterStmt") {
    const table = rangeVarName(node.relation);
    return { form: "CLUSTER", tables: table ? [table] : [] };
  }
  const alter = alterTable(stmt);
  const form = alter?.cmds.map((c) => ALTER_FORMS[c.subtype]).find(Boolean);
  return alter && form ? { form, tables: [alter.table] } : undefined;
}

export const tableRewriteMaintenance: Rule = {
  meta: {
    name: "table-rewrite-maintenance",
    severity: "warning",
    description: "VACUUM FULL, CLUSTER, SET LOGGED/UNLOGGED, SET ACCESS METHOD, SET TABLESPACE",
    docs: "These rewrite the whole table under ACCESS EXCLUSIVE: no reads or writes until the copy is done. Use pg_repack (online), or run them in a maintenance window, not in a migration.",
  },
  kinds: ["VacuumStmt", "ClusterStmt", "AlterTableStmt"],
  check(stmt, ctx) {
    const found = rewrites(stmt);
    if (!found) return;
    const tables = found.tables.filter((t) => ctx.isExisting(t));
    if (found.tables.length > 0 && tables.length === 0) return;
    ctx.report({
      message: `${found.form} rewrites ${tables.length ? tables.join(", ") : "every table it touches"} under ACCESS EXCLUSIVE: reads and writes wait for the whole copy`,
      fix: `-- pg_repack${tables.length ? ` --table ${tables.join(" --table ")}` : ""} (online), or run ${found.form} in a maintenance window`,
    });
  },
};
