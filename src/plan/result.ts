import type { Change } from "../diff/changes.js";
import type { Project } from "../frameworks/detect.js";
import type { Schema } from "../schema/model.js";
import type { Finding } from "../schema/finding.js";
import type { Verdict } from "../schema/verdict.js";
import type { ChangeReport, Plan } from "./model.js";
import type { MissingInputs } from "./questions.js";

/** What `plan` returns: the plan (its `--format json` contract), with what callers and renderers read beside it. */
export interface PlanResult extends Plan {
  /** The typed changes, for callers that go on (tests, verify). */
  readonly diff: readonly Change[];
  readonly from: Schema;
  readonly to: Schema;
  /** Where nothing changed, or nothing was written in a project, what the user should read. */
  readonly message?: string;
  /** The sources planned from and to, as given or detected (`(empty database)` for none). */
  readonly sources: { readonly from: string; readonly to: string; readonly baseline?: string };
  /** The project detected, when `to` came from it or `project` was given. */
  readonly project?: Project;
  /** What the plan still needs from its author (renames, backfill values, confirmation), all at once. */
  readonly missing?: MissingInputs;
  /** Deploys the plan spans (a new one where the phase changes: expand → backfill → contract). */
  readonly deploys?: number;
  /** Deploys not written into the migrations folder: kept in `pending` when files were written. */
  readonly deploysRemaining?: number;
  /** The folder keeping them (`.lockstep/pending/<name>`), relative to `cwd`. */
  readonly pending?: string;
}

/** `lockstep diff`: the classified changes between two sources, without steps. */
export interface DiffResult {
  /** The riskiest change's: PASS all safe (or none), WARN some risky, BLOCK some breaking. */
  readonly verdict: Verdict;
  readonly changes: readonly ChangeReport[];
  /** Possible renames: a drop and an add that may be one rename (`--rename` or `--not-renamed` says). */
  readonly findings: readonly Finding[];
  /** Where nothing changed. */
  readonly message?: string;
  readonly sources: { readonly from: string; readonly to: string };
  /** The project detected, when `to` came from it or `project` was given. */
  readonly project?: Project;
  /** The typed changes, for callers that go on. */
  readonly diff: readonly Change[];
  readonly from: Schema;
  readonly to: Schema;
}
