import { parseSql, type SqlStatement } from "../dialects/postgres/parse.js";
import type { Finding, Severity } from "../report/finding.js";
import type { Schema, Table } from "../schema/model.js";
import type { SqlSection } from "../formats/format.js";
import { type LintContext, type LintStatement, relationName, type Rule } from "./rule.js";
import { suppressionsOf } from "./suppressions.js";

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
 * the state of the migration around it. Throws InputError-free SqlSyntaxError on unparsable SQL.
 */
export function lintSections(sections: readonly SqlSection[], options: LintOptions): Finding[] {
  const findings: Finding[] = [];
  const created = new Set<string>();
  const version = options.postgresVersion ?? 14;
  const tables = new Map<string, Table>();
  for (const t of options.schema?.tables ?? []) {
    tables.set(t.schema === "public" ? t.name : `${t.schema}.${t.name}`, t);
  }
  const key = (name: string) => name.replace(/^public\./, "");

  for (const section of sections) {
    const statements = parseSql(section.text, { file: section.file, startLine: section.startLine });
    const suppressions = suppressionsOf(section, statements);
    findings.push(...suppressions.findings);
    let lockTimeoutSet = false;
    let inTransaction = section.transactional;
    let transaction: LintStatement[] = [];
    let notValid = new Set<string>();
    const endTransaction = () => {
      transaction = [];
      notValid = new Set();
    };
    statements.forEach((raw: SqlStatement, index) => {
      const control = transactionControl(raw);
      if (control === "begin") inTransaction = true;
      const stmt: LintStatement = { ...raw, file: section.file, inTransaction };
      const ctx: LintContext = {
        postgresVersion: version,
        schema: options.schema,
        table: (name) => (created.has(key(name)) ? undefined : tables.get(key(name))),
        isExisting: (name) => !created.has(key(name)),
        lockTimeoutSet,
        transactionSoFar: transaction,
        notValidInTransaction: notValid,
        report: () => {},
      };
      for (const rule of options.rules) {
        const severity = options.severities?.[rule.meta.name] ?? rule.meta.severity;
        if (severity === "off" || suppressions.silences(rule.meta.name, index)) continue;
        rule.check(stmt, {
          ...ctx,
          report: (f) =>
            findings.push({
              rule: rule.meta.name,
              severity,
              message: f.message,
              ...(f.fix ? { fix: f.fix } : {}),
              file: section.file,
              line: f.line ?? stmt.line,
              column: f.column ?? stmt.column,
            }),
        });
      }
      // State after the statement, for the ones that follow.
      for (const t of createdBy(raw)) created.add(key(t));
      if (setsLockTimeout(raw)) lockTimeoutSet = true;
      for (const c of notValidAddedBy(raw)) notValid.add(c);
      if (control === "end") {
        inTransaction = false;
        endTransaction();
      } else if (inTransaction && control !== "begin") transaction.push(stmt);
    });
  }
  return findings.sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
}

type Node = Record<string, unknown>;

function transactionControl(stmt: SqlStatement): "begin" | "end" | undefined {
  if (stmt.kind !== "TransactionStmt") return undefined;
  const kind = (stmt.ast.TransactionStmt as Node).kind;
  if (kind === "TRANS_STMT_BEGIN" || kind === "TRANS_STMT_START") return "begin";
  if (kind === "TRANS_STMT_COMMIT" || kind === "TRANS_STMT_ROLLBACK") return "end";
  return undefined;
}

function createdBy(stmt: SqlStatement): string[] {
  const node = stmt.ast[stmt.kind] as Node;
  if (stmt.kind === "CreateStmt" || stmt.kind === "CreateTableAsStmt") {
    const rel = stmt.kind === "CreateStmt" ? node.relation : (node.into as Node | undefined)?.rel;
    const name = relationName(rel);
    return name ? [name] : [];
  }
  return [];
}

function setsLockTimeout(stmt: SqlStatement): boolean {
  if (stmt.kind !== "VariableSetStmt") return false;
  const node = stmt.ast.VariableSetStmt as Node;
  return node.name === "lock_timeout" && node.kind === "VAR_SET_VALUE";
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
