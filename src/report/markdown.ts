/**
 * Lint results as a pull-request comment (GitHub-flavoured Markdown): the verdict in the heading,
 * a table of findings, then each finding's details with its fix in a ```sql block.
 */
import type { Verdict } from "../schema/verdict.js";
import type { Finding } from "../schema/finding.js";
import { countsBySeverity, docsSummary, type LintRenderOptions, locationOf, sourceReader } from "./lint-pretty.js";
import { verdictOf } from "../schema/verdict.js";

export interface MarkdownOptions extends LintRenderOptions {
  /** The heading's subject (default "Lockstep lint"). */
  readonly title?: string;
}

const STATUS: Record<Verdict, string> = { PASS: "passed", WARN: "passed with warnings", BLOCK: "blocked" };

/** A PR comment: `## Lockstep lint: BLOCK`, a status line, a findings table, details per finding. */
export function renderLintMarkdown(findings: readonly Finding[], options: MarkdownOptions = {}): string {
  const verdict = options.verdict ?? verdictOf(findings);
  const out: string[] = [`## ${escapeInline(options.title ?? "Lockstep lint")}: ${verdict}`, ""];
  if (!findings.length) {
    out.push(`Status: **${STATUS[verdict]}**. No findings.`);
    return `${out.join("\n")}\n`;
  }
  const files = new Set(findings.map((f) => f.file).filter(Boolean)).size;
  const inFiles = files ? ` in ${files} file${files === 1 ? "" : "s"}` : "";
  out.push(`Status: **${STATUS[verdict]}**. ${countsBySeverity(findings)}${inFiles}.`, "");

  out.push("| # | Location | Severity | Rule | Message |", "| --- | --- | --- | --- | --- |");
  findings.forEach((f, i) => {
    const cells = [
      String(i + 1),
      escapeInline(locationOf(f)) || "-",
      f.severity,
      escapeInline(f.rule),
      escapeInline(f.message),
    ];
    out.push(`| ${cells.join(" | ")} |`);
  });
  out.push("", "### Details");

  const meta = options.ruleMeta ?? (() => undefined);
  const source = sourceReader(options);
  findings.forEach((f, i) => {
    const where = locationOf(f);
    out.push("", `#### ${i + 1}. ${escapeInline(f.rule)} (${f.severity})${where ? ` at ${escapeInline(where)}` : ""}`);
    out.push("", escapeInline(f.message));
    const line = f.file && f.line ? sourceLine(source(f.file), f.line) : undefined;
    if (line !== undefined && line.trim()) out.push("", ...fenced("sql", line));
    const docs = meta(f.rule)?.docs;
    const why = docs ? docsSummary(docs) : "";
    if (why) out.push("", `Why: ${escapeInline(why)}`);
    const fix = f.fix?.trim();
    if (fix) out.push("", "Fix:", "", ...fenced("sql", fix));
  });
  return `${out.join("\n")}\n`;
}

/**
 * Text for a table cell or a paragraph: Markdown's punctuation escaped with a backslash, `<`, `>`
 * and `&` as entities, line breaks as `<br>` (a cell cannot span lines).
 */
export function escapeInline(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|#~]/g, (ch) => `\\${ch}`)
    .replace(/\r?\n/g, "<br>")
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

/** A fenced block whose fence is longer than any run of backticks inside. */
export function fenced(lang: string, body: string): string[] {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, ...body.split(/\r?\n/), fence];
}

function sourceLine(text: string | undefined, line: number): string | undefined {
  return text?.split("\n")[line - 1]?.replace(/\r$/, "");
}
