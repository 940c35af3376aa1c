import type { SqlStatement } from "../schema/statement.js";
import type { SqlSection } from "../frameworks/framework.js";
import type { Finding } from "../schema/finding.js";
import { confirmMarker } from "../frameworks/shared/render.js";
import { commentMarkers } from "./comment-markers.js";

/**
 * Confirmation markers: `-- lockstep-confirm <rule> <object>: <reason>` directly above a statement
 * accepts that rule's finding on that object there (`drop-column orders.note`). `lockstep plan`
 * writes one above each breaking statement confirmed at plan time; people may write them by hand.
 * A confirmed finding is still reported, as info and marked `confirmed`. A marker without a
 * reason confirms nothing; it, and a marker that matches no finding below it, are warnings.
 */
export const CONFIRM_SYNTAX = "-- lockstep-confirm <rule> <object>: <reason>";

const PATTERN = /--\s*lockstep-confirm\b(.*)$/;
const BODY = /^\s+([a-z0-9][a-z0-9-]*)\s+([^\s:]+)\s*(?::\s*(.*\S)?)?\s*$/;

export { confirmMarker };

/** Objects compare without quotes, as the dialect keys them (PostgreSQL: without the default `public.` schema). */
export function sameObject(a: string, b: string, key: (name: string) => string): boolean {
  const norm = (s: string) => key(s.replace(/"/g, ""));
  return norm(a) === norm(b);
}

export interface Confirmations {
  /** The marker above statement `index` that confirms `rule` on `object`, if any. */
  confirm(rule: string, object: string, index: number): { line: number; reason: string } | undefined;
  /** Warnings for markers that are malformed, give no reason, or confirmed nothing. After linting the section. */
  problems(): Finding[];
}

interface Parsed {
  readonly rule: string;
  readonly object: string;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  readonly statement: number | undefined;
  used: boolean;
}

/** `key`: how the dialect spells one object one way (Dialect.tableKey), so `public.t` confirms `t`. */
export function confirmationsOf(
  section: SqlSection,
  statements: readonly SqlStatement[],
  key: (name: string) => string,
): Confirmations {
  const markers: Parsed[] = [];
  const problems: Finding[] = [];
  const warning = (rule: string, message: string, line: number, column: number): Finding => ({
    rule,
    severity: "warning",
    message,
    fix: CONFIRM_SYNTAX,
    file: section.file,
    line,
    column,
  });
  // Most files hold no marker: skip the line scan for them.
  const found = section.text.includes("lockstep-confirm") ? commentMarkers(section, statements, PATTERN) : [];
  for (const { match, line, column, statement } of found) {
    const body = BODY.exec(match[1] ?? "");
    if (!body) {
      problems.push(
        warning(
          "unmatched-confirmation",
          `lockstep-confirm needs a rule and an object: ${CONFIRM_SYNTAX}`,
          line,
          column,
        ),
      );
      continue;
    }
    const [, rule, object, reason] = body as unknown as [string, string, string, string | undefined];
    if (!reason) {
      problems.push(
        warning(
          "confirmation-without-reason",
          `lockstep-confirm ${rule} ${object} gives no reason, so it confirms nothing: add one after a colon`,
          line,
          column,
        ),
      );
      continue;
    }
    markers.push({ rule, object, reason, line, column, statement, used: false });
  }
  return {
    confirm(rule, object, index) {
      const found = markers.find((m) => m.statement === index && m.rule === rule && sameObject(m.object, object, key));
      if (!found) return undefined;
      found.used = true;
      return { line: found.line, reason: found.reason };
    },
    problems() {
      const unused = markers.filter((m) => !m.used);
      return [
        ...problems,
        ...unused.map((m) =>
          warning(
            "unmatched-confirmation",
            `lockstep-confirm ${m.rule} ${m.object} matches no finding on the statement below it: check the rule and the object`,
            m.line,
            m.column,
          ),
        ),
      ];
    },
  };
}
