/**
 * What every writer shares: the comment header of a step, the SQL body, file names and versions.
 */
import type { Step } from "../../plan/model.js";
import { compareDigits } from "./files.js";
import type { WriteRequest } from "../framework.js";

export type Direction = "up" | "down";

/** Marker the plain-SQL format uses for a file that must run outside a transaction. */
export const NO_TRANSACTION_MARKER = "-- lockstep: no-transaction (run outside a transaction)";

/**
 * The comment block at the top of each up and down: step name, phase, what to deploy first, and
 * the data a down cannot bring back. Every line is a SQL comment, multi-line notes included.
 */
export function header(step: Step, direction: Direction): string {
  const lines = [`Lockstep step ${step.name} (${direction})`, `Phase: ${step.phase}`, `Deploy: ${step.deploy}`];
  if (step.dataLoss) lines.push(`DATA LOSS: ${step.dataLoss}`);
  return lines.map(comment).join("\n");
}

/**
 * Each line as a `--` comment. A line that would read as a dbmate section marker
 * (`-- migrate:down`) is quoted with `>` so that a note cannot split a dbmate file.
 */
function comment(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      if (line.trim() === "") return "--";
      const quoted = /^\s*migrate:/i.test(line) ? `> ${line.trim()}` : line;
      return `-- ${quoted}`.trimEnd();
    })
    .join("\n");
}

/**
 * A confirmation marker line (the syntax `lockstep lint` reads, src/lint/confirmations.ts): above
 * a statement, it accepts the finding of `rule` on `object` there, for `reason`.
 */
export function confirmMarker(rule: string, object: string, reason: string): string {
  return `-- lockstep-confirm ${rule} ${object}: ${reason.replace(/\s+/g, " ").trim()}`;
}

/** The confirmation markers to write above statement `index` of the step's up. */
export function confirmLines(step: Step, index: number): string[] {
  return (step.confirmations ?? [])
    .filter((c) => c.statement === index)
    .map((c) => confirmMarker(c.rule, c.object, c.reason));
}

/**
 * Statements joined by `;` and a blank line, the last one ending with `;`. A statement whose last
 * line holds `--` gets its `;` on a line of its own, so a trailing comment cannot swallow it.
 * `above(i)` gives comment lines to write directly above statement `i` (its confirmation markers).
 */
export function sqlBody(
  statements: readonly string[],
  step: Step,
  direction: Direction,
  above: (index: number) => readonly string[] = () => [],
): string {
  const parts = statements.map((s, i) => ({ s: s.trim().replace(/[\s;]+$/, ""), i })).filter(({ s }) => s !== "");
  if (parts.length === 0) throw new Error(`step ${step.name} has no ${direction} statement`);
  return parts
    .map(({ s, i }) => {
      const lastLine = s.slice(s.lastIndexOf("\n") + 1);
      return [...above(i), lastLine.includes("--") ? `${s}\n;` : `${s};`].join("\n");
    })
    .join("\n\n");
}

/** Header and SQL of one direction of a step, ending with a newline; the up carries its confirmation markers. */
export function sqlFile(step: Step, direction: Direction, extraHeader: readonly string[] = []): string {
  const head = [header(step, direction), ...extraHeader].join("\n");
  const body =
    direction === "up"
      ? sqlBody(step.up, step, direction, (i) => confirmLines(step, i))
      : sqlBody(step.down, step, direction);
  return `${head}\n\n${body}\n`;
}

/** `add_avatar` → safe for a file name: letters, digits and `_` only. */
export function slug(name: string): string {
  const s = name
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return s === "" ? "migration" : s;
}

/**
 * The name part of step `index` (0-based) in file names. One step: the request's name
 * (`add_avatar`). Several: the name, the 1-based step number, and the phase unless it is
 * `single` (`add_avatar_1_expand`, `add_avatar_2_backfill`, `add_avatar_3`), so the files read in
 * deploy order and say what each one is for. Steps that are one `part` of a plan keep the plan's numbers.
 */
export function stepFileName(request: WriteRequest, index: number): string {
  const base = slug(request.name);
  if ((request.part?.of ?? request.steps.length) === 1) return base;
  const step = request.steps[index]!;
  const n = (request.part?.first ?? 0) + index + 1;
  return step.phase === "single" ? `${base}_${n}` : `${base}_${n}_${step.phase}`;
}

/** `YYYYMMDDHHMMSS` in UTC. */
export function timestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/[-T:]/g, "");
}

/** Parses `YYYYMMDDHHMMSS` (UTC); undefined unless it is a real date and time. */
export function parseTimestamp(version: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(version);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return timestamp(date) === version ? date : undefined;
}

/** Whole seconds, so that successive steps get successive timestamps. */
export function floorToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

/**
 * `count` successive `YYYYMMDDHHMMSS` versions (one second apart) from `now`, or from the second
 * after `newest` when that is a version not before `now`, so new migrations sort after it.
 * `newest` must be a timestamp when it is not before `now` (callers check).
 */
export function successiveTimestamps(now: Date, newest: string | undefined, count: number): string[] {
  let first = floorToSecond(now);
  if (newest !== undefined && compareDigits(newest, timestamp(first)) >= 0)
    first = addSeconds(parseTimestamp(newest)!, 1);
  return Array.from({ length: count }, (_, i) => timestamp(addSeconds(first, i)));
}
