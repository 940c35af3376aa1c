import type { Change } from "../diff/changes.js";
import { diffSchemas } from "../diff/diff.js";
import { parseRenames } from "../diff/renames.js";
import { displayName, type Schema } from "../schema/model.js";
import { InputError } from "../util/errors.js";
import type { ChangeReport } from "./model.js";
import type { PlanOptions } from "./ops.js";
import { planChanges } from "./planner.js";

/**
 * The inputs a plan needs from its author, found in one pass so they can be asked in one round:
 * renames to confirm or deny, values for existing rows, and the breaking changes to confirm. What
 * one answer makes necessary (a confirmed rename is itself breaking) is found by planning again
 * with the suggested answers assumed, on the schemas already built: no engine, no I/O.
 */
export interface PlanAnswers {
  /** `--rename` specs. */
  readonly renames: readonly string[];
  /** `--not-renamed` specs. */
  readonly notRenamed: readonly string[];
  /** `--backfill table.column=SQL` specs. */
  readonly backfills: readonly string[];
  readonly allowBreaking: boolean;
}

export interface RenameQuestion {
  /** What is dropped: `users.name`, or a table `orders`. */
  readonly from: string;
  /** What may be it under a new name, most likely first (`full_name`). */
  readonly candidates: readonly string[];
}

export interface BackfillQuestion {
  /** `users.role` (schema-qualified outside public), as `--backfill` takes it. */
  readonly column: string;
  readonly type: string;
}

export interface MissingInputs {
  readonly renames: readonly RenameQuestion[];
  readonly backfills: readonly BackfillQuestion[];
  /** Breaking changes not confirmed yet (with the suggested renames assumed). */
  readonly breaking: readonly ChangeReport[];
  /** The flags that answer all of them at once, suggested renames taken as renames. */
  readonly flags: readonly string[];
}

export const noAnswers: PlanAnswers = { renames: [], notRenamed: [], backfills: [], allowBreaking: false };

/** What the plan from `from` to `to` still needs beyond `answers`. */
export function missingInputs(from: Schema, to: Schema, answers: PlanAnswers, options: PlanOptions): MissingInputs {
  const { dialect } = options;
  const renames = renameQuestions(
    diffSchemas(from, to, dialect, parseRenames(answers.renames, answers.notRenamed, from)),
  );
  const assumed = [...answers.renames, ...renames.map((r) => `${r.from}=${r.candidates[0]}`)];
  const diff = diffSchemas(from, to, dialect, parseRenames(assumed, answers.notRenamed, from));
  const planned = planChanges(
    diff,
    from,
    to,
    { ...options, allowBreaking: true, backfills: parseBackfills(answers.backfills) },
    "x",
  );
  const backfills = planned.missingBackfills.map((b) => ({ column: b.column, type: b.type }));
  const breaking = answers.allowBreaking ? [] : planned.changes.filter((c) => c.risk === "breaking");
  const flags = [
    ...renames.map((r) => `--rename ${r.from}=${r.candidates[0]}`),
    ...backfills.map((b) => `--backfill "${b.column}=<SQL expression>"`),
    ...(breaking.length ? ["--allow-breaking"] : []),
  ];
  return { renames, backfills, breaking, flags };
}

export function hasMissing(m: MissingInputs): boolean {
  return m.renames.length + m.backfills.length + m.breaking.length > 0;
}

/** The missing inputs in one sentence, for the BLOCK finding. */
export function describeMissing(m: MissingInputs): string {
  const parts = [
    ...m.renames.map((r) => `is ${r.from} renamed to ${r.candidates.join(" or ")}? (--rename, or --not-renamed)`),
    ...m.backfills.map((b) => `a value for the existing rows of ${b.column} (${b.type})`),
    ...(m.breaking.length
      ? [
          `confirmation of ${m.breaking.length} breaking change${m.breaking.length === 1 ? "" : "s"} (${m.breaking.map(changeName).join(", ")})`,
        ]
      : []),
  ];
  return `the plan needs ${parts.length} answer${parts.length === 1 ? "" : "s"}: ${parts.join("; ")}`;
}

/** `drop_column users.legacy`. */
export function changeName(c: ChangeReport): string {
  const target = [c.table, c.column].filter(Boolean).join(".");
  return `${c.kind} ${[target, c.object].filter(Boolean).join(" ")}`.trim();
}

function renameQuestions(diff: readonly Change[]): RenameQuestion[] {
  const out: RenameQuestion[] = [];
  for (const c of diff) {
    if (c.kind === "drop_column" && c.renameCandidates?.length)
      out.push({ from: `${displayName(c.table)}.${c.column.name}`, candidates: c.renameCandidates });
    if (c.kind === "drop_table" && c.renameCandidates?.length)
      out.push({ from: displayName(c.table), candidates: c.renameCandidates });
  }
  return out;
}

/** `--backfill table.column=SQL` specs as the planner keys them (`schema.table.column` → SQL). */
export function parseBackfills(specs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const spec of specs) {
    const m = /^([^=]+)=(.+)$/s.exec(spec);
    const target = m?.[1]?.trim().split(".") ?? [];
    if (!m || target.length < 2 || target.length > 3)
      throw new InputError(`--backfill ${spec}: expected table.column=SQL expression`);
    const [schema, table, column] = target.length === 3 ? target : ["public", ...target];
    map.set(`${schema}.${table}.${column}`, m[2]!.trim());
  }
  return map;
}
