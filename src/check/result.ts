import type { ChangeReport, Step } from "../plan/model.js";
import type { Finding } from "../schema/finding.js";
import type { Verdict } from "../schema/verdict.js";
import type { VerifiedMigration } from "../verify/round-trip.js";
import type { ChecklistItem } from "./checklist.js";
import type { IndexRecommendation } from "./indexes.js";
import type { PendingReport } from "./pending.js";
import type { Selection } from "./under-test.js";

/** What the report says about the project it checked. */
export interface CheckedProject {
  readonly framework: string;
  readonly dialect: string;
  readonly format: string;
  readonly migrations: string;
  /** The model or declarative schema file: the desired schema. */
  readonly schema?: string;
}

export interface CheckedFile {
  readonly file: string;
  /** What was done to it: `lint`, `verify (round trip equal)`… */
  readonly checks: readonly string[];
}

/** What `check` returns: the gate's verdict and everything the report shows. */
export interface CheckResult {
  readonly verdict: Verdict;
  readonly project: CheckedProject;
  /** Drift: changes in the desired schema that no migration makes yet, with their risk. */
  readonly changes: readonly ChangeReport[];
  /** The breaking ones among them: each needs `--allow-breaking` (or a rename confirmed). */
  readonly breaking: readonly ChangeReport[];
  /** The steps that would migrate the drift, in deployment order (each with its down: the rollback). */
  readonly steps: readonly Step[];
  readonly files: readonly CheckedFile[];
  /** Plans whose later deploys wait in `.lockstep/pending/`. */
  readonly pending: readonly PendingReport[];
  /** How the migrations under test (`files`) were chosen. */
  readonly selection: Selection;
  readonly verify: readonly VerifiedMigration[];
  readonly indexes: readonly IndexRecommendation[];
  readonly querySafety: { readonly scanned: boolean; readonly note: string };
  readonly checklist: readonly ChecklistItem[];
  readonly findings: readonly Finding[];
  /** The changelog entry appended (`--changelog`), or why not. */
  readonly changelog?: { readonly file: string; readonly status: string };
  /** Text of the linted files, for renderers that quote source lines. */
  readonly sources: ReadonlyMap<string, string>;
}
