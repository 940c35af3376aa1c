import { addedColumn, alterTable, columnConstraints, findNodes, stringList } from "../statements.js";
import { typeNameOf } from "../type-names.js";
import { deparseSync } from "pgsql-deparser";
import type { Rule } from "../../../lint/rule.js";

function deparse(expr: unknown): string | undefined {
  try {
    return deparseSync(expr as Parameters<typeof deparseSync>[0]);
  } catch {
    return undefined;
  }
}

/**
 * Functions known to be volatile (pg_proc.provolatile = 'v'), for linting without a database.
 * now(), current_timestamp and statement_timestamp() are stable: a default with them is evaluated
 * once and stored as metadata (PG11+), no rewrite.
 */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  "random",
  "gen_random_uuid",
  "uuid_generate_v1",
  "uuid_generate_v1mc",
  "uuid_generate_v4",
  "uuidv7",
  "uuidv4",
  "clock_timestamp",
  "timeofday",
  "nextval",
  "txid_current",
  "setseed",
  "random_normal",
]);

export const volatileDefaultRewrite: Rule = {
  meta: {
    name: "volatile-default-rewrite",
    severity: "warning",
    description: "ADD COLUMN with a volatile DEFAULT, or any DEFAULT before PostgreSQL 11",
    docs: "From PostgreSQL 11 a constant (or stable) default is stored once in the catalog, but a volatile one (random(), gen_random_uuid(), clock_timestamp(), nextval) must be computed per row: the table is rewritten under ACCESS EXCLUSIVE. Before 11 any default rewrites. Add the column without a default, SET DEFAULT (new rows only), then backfill existing rows in batches.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const col = addedColumn(cmd);
      const def = col && columnConstraints(col).find((c) => c.contype === "CONSTR_DEFAULT");
      if (!col || !def) continue;
      const isNull = (def.raw_expr as { A_Const?: { isnull?: boolean } } | undefined)?.A_Const?.isnull === true;
      if (isNull) continue;
      const called = findNodes(def.raw_expr, "FuncCall").map((f) => stringList(f.funcname).pop()?.toLowerCase() ?? "");
      const volatile = called.filter((f) => VOLATILE_FUNCTIONS.has(f));
      if (ctx.postgresVersion >= 11 && volatile.length === 0) continue;
      const name = String(col.colname);
      const expr = deparse(def.raw_expr);
      ctx.report({
        message:
          volatile.length > 0
            ? `the default of ${alter.table}.${name} calls ${volatile.join(", ")}(), volatile: every row gets its own value, so ${alter.table} is rewritten under ACCESS EXCLUSIVE`
            : `before PostgreSQL 11 any DEFAULT on ADD COLUMN rewrites ${alter.table} under ACCESS EXCLUSIVE`,
        fix: `ALTER TABLE ${alter.table} ADD COLUMN ${name} ${typeNameOf(col.typeName)};\nALTER TABLE ${alter.table} ALTER COLUMN ${name} SET DEFAULT ${expr ?? "<expression>"};\n-- backfill existing rows in batches`,
      });
    }
  },
};
