/**
 * The text of a down written by `lockstep downs`: a comment header (what it is, how it was made,
 * what it cannot bring back, in the `-- DATA LOSS:` marker that verify reads), then its statements.
 */
export function downContent(
  migration: string,
  statements: readonly string[],
  dataLoss: readonly string[],
  note: readonly string[] = [],
): string {
  const head = [
    `Down of ${migration}, written by lockstep downs:`,
    "computed from the schema before and after the migration, and verified on a throwaway",
    "database (up, down, up again).",
    "Run it in one transaction, as migration runners run a file (SET LOCAL needs one).",
    ...note,
    ...dataLoss.map((d) => `DATA LOSS: ${d.replace(/\s*\r?\n\s*/g, " ")}`),
  ];
  const body = statements.map((s) => `${s.trim().replace(/[\s;]+$/, "")};`).join("\n\n");
  return `${head.map((l) => `-- ${l}`).join("\n")}\n\n${body}\n`;
}

/** A blank down file's own comments, kept above the down written into it. */
export function appendedTo(existing: string, content: string): string {
  const kept = existing.trimEnd();
  return kept === "" ? content : `${kept}\n\n${content}`;
}
