import type { SqlStatement } from "../schema/statement.js";
import type { SqlSection } from "../frameworks/framework.js";

/**
 * Lockstep's own comment lines in a migration (`-- lockstep-ignore …`, `-- lockstep-confirm …`):
 * each line that matches `pattern`, where it stands, and the statement it sits above (the first
 * one starting after it). One scanner for every in-file marker the linter reads.
 */
export interface CommentMarker {
  readonly match: RegExpExecArray;
  /** 1-based line and column of the `--` in the section's file. */
  readonly line: number;
  readonly column: number;
  /** Index of the statement below it; undefined when no statement follows. */
  readonly statement: number | undefined;
}

export function commentMarkers(
  section: SqlSection,
  statements: readonly SqlStatement[],
  pattern: RegExp,
): CommentMarker[] {
  const starts = statements.map((s) => s.line);
  const found: CommentMarker[] = [];
  section.text.split("\n").forEach((text, i) => {
    const match = pattern.exec(text);
    if (!match) return;
    const line = section.startLine + i;
    const next = starts.findIndex((s) => s > line);
    found.push({ match, line, column: text.indexOf("--") + 1, statement: next < 0 ? undefined : next });
  });
  return found;
}
