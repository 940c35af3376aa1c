/** What a change is about, as reports name it: `table.column`, then the index or constraint. */
export function changeSubject(c: {
  readonly table?: string;
  readonly column?: string;
  readonly object?: string;
}): string {
  return [c.table && `${c.table}${c.column ? `.${c.column}` : ""}`, c.object].filter(Boolean).join(" ");
}
