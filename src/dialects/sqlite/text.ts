/**
 * Positions in SQL text: where the next token starts after white space, comments and stray `;`,
 * and 1-based line and column of a character. No tokens are read beyond that: which text forms a
 * statement is SQLite's answer (split.ts).
 */

/** Skips white space, `--` and `/* … *\/` comments (SQLite's do not nest) and empty statements' `;`. */
export function skipTrivia(text: string, i: number): number {
  for (;;) {
    while (i < text.length && (/\s/.test(text[i]!) || text[i] === ";")) i++;
    if (text.startsWith("--", i)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return i;
  }
}

/** True for white space, comments and `;` only: no statement. */
export function isBlank(text: string): boolean {
  return skipTrivia(text, 0) >= text.length;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Maps a character index of `text` to its line and column; `startLine` is the text's first line. */
export function locator(text: string, startLine = 1): (index: number) => Position {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: startLine + lo, column: index - lineStarts[lo]! + 1 };
  };
}
