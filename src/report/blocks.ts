/**
 * A report as titled sections of neutral blocks (text, list, table, code), rendered for a terminal
 * or as GitHub-flavoured Markdown: what a report says is decided once, how it looks per medium.
 */
import { escapeInline, fenced } from "./markdown.js";
import { type Painter, painter } from "./paint.js";

export type Block =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[]; readonly numbered?: boolean }
  | { readonly kind: "table"; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: "code"; readonly language: string; readonly text: string };

export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export const text = (t: string): Block => ({ kind: "text", text: t });
export const list = (items: readonly string[], numbered = false): Block => ({ kind: "list", items, numbered });
export const table = (head: readonly string[], rows: readonly (readonly string[])[]): Block => ({
  kind: "table",
  head,
  rows,
});
export const code = (body: string, language = "sql"): Block => ({ kind: "code", language, text: body });

/** For a terminal: titles underlined (and bold in colour), tables in aligned columns, code indented. */
export function renderText(title: string, sections: readonly Section[], paint: Painter = painter(false)): string {
  const out: string[] = [paint.bold(title), "=".repeat(Math.min(title.length, 80))];
  for (const s of sections) {
    out.push("", paint.bold(s.title), "-".repeat(s.title.length));
    for (const b of s.blocks) out.push(...textBlock(b));
  }
  return `${out.join("\n")}\n`;
}

function textBlock(b: Block): string[] {
  switch (b.kind) {
    case "text":
      return [b.text];
    case "list":
      return b.items.map((item, i) => indentRest(`${b.numbered ? `${i + 1}.` : "-"} ${item}`, b.numbered ? 3 : 2));
    case "code":
      return b.text.split("\n").map((l) => `    ${l}`);
    case "table": {
      const widths = b.head.map((h, i) => Math.max(h.length, ...b.rows.map((r) => (r[i] ?? "").length)));
      const line = (cells: readonly string[]) =>
        cells
          .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
          .join("  ")
          .trimEnd();
      return [line(b.head), ...b.rows.map(line)];
    }
  }
}

function indentRest(textBlock: string, n: number): string {
  return textBlock.replace(/\n/g, `\n${" ".repeat(n)}`);
}

/** For a pull-request comment: `##` title, `###` sections, pipe tables, fenced code. */
export function renderMarkdown(title: string, sections: readonly Section[]): string {
  const out: string[] = [`## ${escapeInline(title)}`];
  for (const s of sections) {
    out.push("", `### ${escapeInline(s.title)}`);
    for (const b of s.blocks) out.push("", ...markdownBlock(b));
  }
  return `${out.join("\n")}\n`;
}

function markdownBlock(b: Block): string[] {
  switch (b.kind) {
    case "text":
      return [escapeInline(b.text)];
    case "list":
      return b.items.map((item, i) => `${b.numbered ? `${i + 1}.` : "-"} ${escapeInline(item)}`);
    case "code":
      return fenced(b.language, b.text);
    case "table":
      return [
        `| ${b.head.map(escapeInline).join(" | ")} |`,
        `| ${b.head.map(() => "---").join(" | ")} |`,
        ...b.rows.map((r) => `| ${r.map((c) => escapeInline(c) || "-").join(" | ")} |`),
      ];
  }
}
