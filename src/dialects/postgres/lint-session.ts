/**
 * What PostgreSQL statements leave for the later ones of a migration, as the rules need it: whether
 * a `lock_timeout` is set (a session one holds for the migration, `SET LOCAL` until its block
 * ends), the constraints added NOT VALID in the current block, and which `table.column` pairs a
 * validated `CHECK (column IS NOT NULL)` covers (kept across the run: later files meet it).
 */
import type { LintSession } from "../../lint/rule.js";
import type { Table } from "../../schema/model.js";
import type { SqlStatement } from "../../schema/statement.js";
import { addedConstraint, alterTable, type Node, notNullCheckColumn, withoutPublic } from "./statements.js";

export function lintSession(): LintSession {
  const key = withoutPublic;
  let sessionTimeout = false;
  let localTimeout = false;
  let notValid = new Set<string>();
  const checked = new Set<string>();
  const pendingChecks = new Map<string, string>();
  return {
    startMigration() {
      // Each migration sets its own: it may run alone, in a session of its own.
      sessionTimeout = localTimeout = false;
      notValid = new Set();
    },
    get lockTimeoutSet() {
      return sessionTimeout || localTimeout;
    },
    get notValidInTransaction() {
      return notValid;
    },
    notNullChecked: (table, column, known) =>
      checked.has(`${key(table)}.${column}`) || (known !== undefined && schemaChecked(known, column)),
    after(stmt, inBlock) {
      const timeout = setsLockTimeout(stmt);
      if (timeout === "session") sessionTimeout = true;
      if (timeout === "local" && inBlock) localTimeout = true;
      if (timeout === "reset") sessionTimeout = localTimeout = false;
      for (const c of notValidAddedBy(stmt)) notValid.add(c);
      trackNotNullChecks(stmt, checked, pendingChecks);
    },
    endBlock() {
      notValid = new Set();
      localTimeout = false;
    },
  };
}

/** The table (as `--schema` gave it) has a validated `CHECK (column IS NOT NULL)`. */
function schemaChecked(table: Table, column: string): boolean {
  return (table.checks ?? []).some(
    (c) => c.validated && c.definition.replace(/[()\s]/g, "") === `CHECK${column}ISNOTNULL`,
  );
}

function setsLockTimeout(stmt: SqlStatement): "session" | "local" | "reset" | undefined {
  if (stmt.kind !== "VariableSetStmt") return undefined;
  const node = stmt.ast.VariableSetStmt as Node;
  if (node.name !== "lock_timeout") return undefined;
  if (node.kind !== "VAR_SET_VALUE") return "reset";
  // `0` (or '0', '0s', '0ms') turns the timeout off.
  const arg = ((node.args ?? []) as Node[])[0]?.A_Const as
    { ival?: { ival?: number }; sval?: { sval?: string } } | undefined;
  const value = arg?.sval ? arg.sval.sval : arg?.ival ? String(arg.ival.ival ?? 0) : undefined;
  if (value !== undefined && /^0+\s*(ms|s|min)?$/.test(value.trim())) return "reset";
  return node.is_local ? "local" : "session";
}

function notValidAddedBy(stmt: SqlStatement): string[] {
  if (stmt.kind !== "AlterTableStmt") return [];
  const cmds = ((stmt.ast.AlterTableStmt as Node).cmds ?? []) as Node[];
  return cmds.flatMap((c) => {
    const cmd = c.AlterTableCmd as Node;
    const con = (cmd?.def as Node | undefined)?.Constraint as Node | undefined;
    return cmd?.subtype === "AT_AddConstraint" && con?.skip_validation && con.conname ? [String(con.conname)] : [];
  });
}

/** `CHECK (c IS NOT NULL)` added validated, or added NOT VALID and validated later, covers `table.c`. */
function trackNotNullChecks(stmt: SqlStatement, checked: Set<string>, pending: Map<string, string>): void {
  const alter = alterTable(stmt);
  if (!alter) return;
  const table = withoutPublic(alter.table);
  for (const cmd of alter.cmds) {
    const con = addedConstraint(cmd);
    const column = con && notNullCheckColumn(con);
    if (con && column) {
      if (con.skip_validation) pending.set(`${table}|${String(con.conname)}`, column);
      else checked.add(`${table}.${column}`);
    }
    if (cmd.subtype === "AT_ValidateConstraint") {
      const col = pending.get(`${table}|${cmd.name}`);
      if (col) checked.add(`${table}.${col}`);
    }
  }
}
