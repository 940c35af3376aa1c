import { parseSql, type SqlStatement } from "../dialects/postgres/parse.js";
import {
  addedConstraint,
  alterTable,
  notNullCheckColumn,
  rangeVarName,
  withoutPublic,
} from "../dialects/postgres/statements.js";
import type { Finding, Severity } from "../schema/finding.js";
import { displayName, type Schema, type Table } from "../schema/model.js";
import type { SqlSection } from "../frameworks/framework.js";
import type { LintContext, LintStatement, Rule } from "./rule.js";
import { applyToTables } from "./known-tables.js";
import { suppressionsOf } from "./suppressions.js";
import { confirmationsOf, confirmMarker } from "./confirmations.js";

export interface LintOptions {
  readonly postgresVersion?: number;
  /** The database before the migration. */
  readonly schema?: Schema;
  readonly rules: readonly Rule[];
  /** Severity overrides from the configuration; `off` disables a rule. */
  readonly severities?: Readonly<Record<string, Severity | "off">>;
}

/**
 * Lints migration sections in order (the earlier ones are context for the later ones: tables they
 * create are new, a lock_timeout they set holds). Each statement goes through every rule with
 * the state of the migration around it. Throws SqlSyntaxError on unparsable SQL.
 *
 * State kept across files: the tables, from `--schema` and as each statement leaves them (see
 * known-tables.ts), so a later file knows the columns an earlier one created.
 *
 * State kept across a migration (a file): relations created (tables and indexes: not hazards), whether
 * a session `lock_timeout` is set (`SET LOCAL` holds until the block ends), and which
 * `table.column` pairs a validated `CHECK (column IS NOT NULL)` now covers. Per transaction
 * block: its statements so far and the constraints added NOT VALID in it.
 */
export function lintSections(sections: readonly SqlSection[], options: LintOptions): Finding[] {
  const findings: Finding[] = [];
  const created = new Set<string>();
  const version = options.postgresVersion ?? 14;
  const tables = new Map<string, Table>();
  for (const t of options.schema?.tables ?? []) {
    tables.set(displayName(t), t);
  }
  const key = withoutPublic;
  const checked = new Set<string>();
  const pendingChecks = new Map<string, string>();
  const schemaChecked = (table: string, column: string) =>
    (tables.get(key(table))?.checks ?? []).some(
      (c) => c.validated && c.definition.replace(/[()\s]/g, "") === `CHECK${column}ISNOTNULL`,
    );

  // First pass: parse every section and place each statement inside or outside a transaction.
  const parsed = sections.map((section) => {
    const raws = parseSql(section.text, { file: section.file, startLine: section.startLine });
    let open = section.transactional;
    const stmts = raws.map((raw): LintStatement => {
      const control = transactionControl(raw);
      const stmt = { ...raw, file: section.file, inTransaction: open };
      if (control === "begin") open = true;
      if (control === "end") open = false;
      return stmt;
    });
    return { section, raws, stmts };
  });
  const all = parsed.flatMap((p) => p.stmts);
  const rulesFor = dispatch(options);
  let position = 0;

  let file: string | undefined;
  for (const { section, raws, stmts } of parsed) {
    // Tables an earlier migration created exist (with rows) by the time this one runs: each migration
    // is its own deploy. Sections of one file (dbmate's) are one migration.
    if (section.file !== file) created.clear();
    file = section.file;
    // Each migration sets its own: it may run alone, in a session of its own.
    let lockTimeoutSet = false;
    const suppressions = suppressionsOf(section, raws);
    findings.push(...suppressions.findings);
    const confirmations = confirmationsOf(section, raws);
    let localLockTimeout = false;
    let explicit = false;
    let transaction: LintStatement[] = [];
    let notValid = new Set<string>();
    stmts.forEach((stmt, index) => {
      const from = ++position;
      const control = transactionControl(stmt);
      const inBlock = stmt.inTransaction || control === "begin";
      // Computed only when a rule asks: large migrations stay linear.
      let following: LintStatement[] | undefined;
      let rest: LintStatement[] | undefined;
      let earlier: LintStatement[] | undefined;
      let rule: Rule | undefined;
      let severity: Severity = "warning";
      const ctx: LintContext = {
        postgresVersion: version,
        schema: options.schema,
        table: (name) => (created.has(key(name)) ? undefined : tables.get(key(name))),
        isExisting: (name) => !created.has(key(name)),
        lockTimeoutSet: lockTimeoutSet || localLockTimeout,
        transactionSoFar: transaction,
        notValidInTransaction: notValid,
        notNullChecked: (table, column) =>
          checked.has(`${key(table)}.${column}`) || (!created.has(key(table)) && schemaChecked(table, column)),
        explicitTransaction: explicit,
        get followingInTransaction() {
          following ??= inBlock && control !== "end" ? restOfBlock(stmts, index) : [];
          return following;
        },
        get rest() {
          rest ??= all.slice(from);
          return rest;
        },
        get earlier() {
          earlier ??= all.slice(0, from - 1);
          return earlier;
        },
        all,
        report: (f) => {
          const name = rule!.meta.name;
          const confirmed = f.object === undefined ? undefined : confirmations.confirm(name, f.object, index);
          findings.push({
            rule: name,
            severity: confirmed ? "info" : severity,
            message: confirmed ? `${f.message} (marker at line ${confirmed.line}: ${confirmed.reason})` : f.message,
            ...(f.fix ? { fix: withConfirmHint(f.fix, name, f.object, severity, confirmed) } : {}),
            file: section.file,
            line: f.line ?? stmt.line,
            column: f.column ?? stmt.column,
            ...(f.object !== undefined ? { object: f.object } : {}),
            ...(confirmed ? { confirmed: confirmed.reason } : {}),
          });
        },
      };
      for (const active of rulesFor(stmt.kind)) {
        if (suppressions.silences(active.rule.meta.name, index)) continue;
        rule = active.rule;
        severity = active.severity;
        rule.check(stmt, ctx);
      }
      // State after the statement, for the ones that follow.
      for (const t of createdBy(stmt, created, key)) created.add(key(t));
      // Later migrations meet the tables as this one leaves them (their columns' types, above all).
      applyToTables(stmt, tables, key);
      const timeout = setsLockTimeout(stmt);
      if (timeout === "session") lockTimeoutSet = true;
      if (timeout === "local" && inBlock) localLockTimeout = true;
      if (timeout === "reset") lockTimeoutSet = localLockTimeout = false;
      for (const c of notValidAddedBy(stmt)) notValid.add(c);
      trackNotNullChecks(stmt, key, checked, pendingChecks);
      if (control === "end" || (control === "begin" && !stmt.inTransaction)) {
        transaction = [];
        notValid = new Set();
        localLockTimeout = false;
        explicit = control === "begin";
      } else if (control === "begin") {
        // A nested BEGIN: the COMMIT that follows is its own (transaction-nesting reports the BEGIN).
        explicit = true;
      } else if (inBlock) transaction.push(stmt);
    });
    findings.push(...confirmations.problems());
  }
  return findings.sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
}

type Node = Record<string, unknown>;

/** An error a marker could accept says how, after the safe way. */
function withConfirmHint(
  fix: string,
  rule: string,
  object: string | undefined,
  severity: Severity,
  confirmed: unknown,
): string {
  if (object === undefined || severity !== "error" || confirmed) return fix;
  return `${fix}\n-- or, to accept it as it is, above the statement:\n${confirmMarker(rule, object, "<reason>")}`;
}

interface ActiveRule {
  readonly rule: Rule;
  readonly severity: Severity;
}

/**
 * The rules that run on a statement kind, with their configured severity (rules turned off left
 * out), in the order given: most rules look at two or three kinds of the hundred or so, so a
 * statement meets only the rules that can report on it.
 */
function dispatch(options: LintOptions): (kind: string) => readonly ActiveRule[] {
  const active: (ActiveRule & { kinds?: readonly string[] })[] = [];
  for (const rule of options.rules) {
    const level = options.severities?.[rule.meta.name] ?? rule.meta.severity;
    if (level !== "off") active.push({ rule, severity: level, kinds: rule.kinds });
  }
  const byKind = new Map<string, ActiveRule[]>();
  return (kind) => {
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = active.filter((a) => !a.kinds || a.kinds.includes(kind))));
    return list;
  };
}

/** The statements after `index` up to the end of its transaction block (COMMIT/ROLLBACK or the section's end). */
function restOfBlock(stmts: readonly LintStatement[], index: number): LintStatement[] {
  const out: LintStatement[] = [];
  for (const next of stmts.slice(index + 1)) {
    if (transactionControl(next) === "end") break;
    out.push(next);
  }
  return out;
}

function transactionControl(stmt: SqlStatement): "begin" | "end" | undefined {
  if (stmt.kind !== "TransactionStmt") return undefined;
  const kind = (stmt.ast.TransactionStmt as Node).kind;
  if (kind === "TRANS_STMT_BEGIN" || kind === "TRANS_STMT_START") return "begin";
  if (kind === "TRANS_STMT_COMMIT" || kind === "TRANS_STMT_ROLLBACK") return "end";
  return undefined;
}

/** Tables and indexes a statement creates (they share one namespace per schema in pg_class). */
function createdBy(stmt: SqlStatement, created: ReadonlySet<string>, key: (name: string) => string): string[] {
  const node = stmt.ast[stmt.kind] as Node;
  if (stmt.kind === "CreateStmt" || stmt.kind === "CreateTableAsStmt") {
    const rel = stmt.kind === "CreateStmt" ? node.relation : (node.into as Node | undefined)?.rel;
    const name = rangeVarName(rel);
    return name ? [name] : [];
  }
  // A table created in the migration keeps being new under its new name.
  if (stmt.kind === "RenameStmt" && node.renameType === "OBJECT_TABLE") {
    const from = rangeVarName(node.relation);
    return from && created.has(key(from)) ? [String(node.newname)] : [];
  }
  if (stmt.kind === "IndexStmt" && node.idxname) {
    const schema = (node.relation as Node | undefined)?.schemaname;
    return [schema ? `${String(schema)}.${String(node.idxname)}` : String(node.idxname)];
  }
  return [];
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
function trackNotNullChecks(
  stmt: SqlStatement,
  key: (name: string) => string,
  checked: Set<string>,
  pending: Map<string, string>,
): void {
  const alter = alterTable(stmt);
  if (!alter) return;
  const table = key(alter.table);
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
