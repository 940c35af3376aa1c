import type { Dialect } from "../dialects/dialect.js";
import type { Finding, Severity } from "../schema/finding.js";
import { displayName, type Schema, type Table } from "../schema/model.js";
import type { SqlSection } from "../frameworks/framework.js";
import type { LintContext, LintStatement, Rule } from "./rule.js";
import { suppressionsOf } from "./suppressions.js";
import { confirmationsOf, confirmMarker } from "./confirmations.js";

/** SQLite 3.35 (DROP COLUMN) when a run names no version: the default of `--sqlite-version`. */
const DEFAULT_SQLITE_VERSION = "3.35";

export interface LintOptions {
  /** The dialect the migrations speak: it splits them, and says what each statement does. */
  readonly dialect: Dialect;
  readonly postgresVersion?: number;
  /** With SQLite: the oldest version the migrations must run on (default 3.35). */
  readonly sqliteVersion?: string;
  /** The database before the migration. */
  readonly schema?: Schema;
  /** The rules to run; the dialect's (`dialect.rules`) when absent. */
  readonly rules?: readonly Rule[];
  /** Severity overrides from the configuration; `off` disables a rule. */
  readonly severities?: Readonly<Record<string, Severity | "off">>;
}

/**
 * Lints migration sections in order (the earlier ones are context for the later ones: tables they
 * create are new, a lock_timeout they set holds). Each statement goes through every rule with
 * the state of the migration around it. Throws SqlSyntaxError on unparsable SQL.
 *
 * State kept across files: the tables, from `--schema` and as each statement leaves them (the
 * dialect's `applyToTables`), so a later file knows the columns an earlier one created.
 *
 * State kept across a migration (a file): relations created (tables and indexes: not hazards). Per
 * transaction block: its statements so far. What else a statement leaves for the later ones (a
 * session setting, constraints not yet validated) the dialect's session keeps (`Dialect.lintSession`).
 */
export function lintSections(sections: readonly SqlSection[], options: LintOptions): Finding[] {
  const { dialect } = options;
  const findings: Finding[] = [];
  const created = new Set<string>();
  const version = options.postgresVersion ?? 14;
  const tables = new Map<string, Table>();
  for (const t of options.schema?.tables ?? []) {
    tables.set(displayName(t), t);
  }
  const key = (name: string) => dialect.tableKey(name);
  const isNew = (name: string) => created.has(key(name));
  const known = (name: string) => (created.has(key(name)) ? undefined : tables.get(key(name)));
  const session = dialect.lintSession();

  // First pass: parse every section and place each statement inside or outside a transaction.
  const parsed = sections.map((section) => {
    const raws = dialect.split(section.text, { file: section.file, startLine: section.startLine });
    let open = section.transactional;
    const stmts = raws.map((raw): LintStatement => {
      const control = dialect.transactionControl(raw);
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
    session.startMigration();
    const suppressions = suppressionsOf(section, raws);
    findings.push(...suppressions.findings);
    const confirmations = confirmationsOf(section, raws, key);
    let explicit = false;
    let transaction: LintStatement[] = [];
    stmts.forEach((stmt, index) => {
      const from = ++position;
      const control = dialect.transactionControl(stmt);
      const inBlock = stmt.inTransaction || control === "begin";
      // Computed only when a rule asks: large migrations stay linear.
      let following: LintStatement[] | undefined;
      let rest: LintStatement[] | undefined;
      let earlier: LintStatement[] | undefined;
      let rule: Rule | undefined;
      let severity: Severity = "warning";
      const ctx: LintContext = {
        postgresVersion: version,
        sqliteVersion: options.sqliteVersion ?? DEFAULT_SQLITE_VERSION,
        schema: options.schema,
        table: known,
        isExisting: (name) => !isNew(name),
        lockTimeoutSet: session.lockTimeoutSet,
        transactionSoFar: transaction,
        notValidInTransaction: session.notValidInTransaction,
        notNullChecked: (table, column) => session.notNullChecked(table, column, known(table)),
        explicitTransaction: explicit,
        get followingInTransaction() {
          following ??= inBlock && control !== "end" ? restOfBlock(stmts, index, dialect) : [];
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
      for (const t of dialect.createdRelations(stmt, isNew)) created.add(key(t));
      // Later migrations meet the tables as this one leaves them (their columns' types, above all).
      dialect.applyToTables(stmt, tables);
      session.after(stmt, inBlock);
      if (control === "end" || (control === "begin" && !stmt.inTransaction)) {
        transaction = [];
        session.endBlock();
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
  for (const rule of options.rules ?? options.dialect.rules) {
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
function restOfBlock(stmts: readonly LintStatement[], index: number, dialect: Dialect): LintStatement[] {
  const out: LintStatement[] = [];
  for (const next of stmts.slice(index + 1)) {
    if (dialect.transactionControl(next) === "end") break;
    out.push(next);
  }
  return out;
}
