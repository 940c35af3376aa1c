/** A finding: a rule (from ../shared/RULES.md, or a plan rule) that something triggered. */
export type Severity = "error" | "warning" | "info";

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The safe statements, or the flag to pass. */
  readonly fix?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** What the finding is about (`orders.note`): what a `-- lockstep-confirm` marker names. */
  readonly object?: string;
  /** Set when a `-- lockstep-confirm` marker accepted the finding: its reason (the severity is then info). */
  readonly confirmed?: string;
  readonly table?: string;
  readonly column_name?: string;
}
