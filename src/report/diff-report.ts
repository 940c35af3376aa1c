/**
 * `lockstep diff` for a terminal and for a pull request: the changes with their risk and reasons,
 * the possible renames, a count by risk and the verdict. No steps: that is `plan`.
 */
import type { DiffResult } from "../plan/result.js";
import type { Risk } from "../plan/model.js";
import type { Verdict } from "../schema/verdict.js";
import { list, renderMarkdown, type Section, text } from "./blocks.js";
import { currentPainter } from "./paint.js";
import { changesSection } from "./plan-report.js";
import { changeLines, projectLines } from "./pretty-plan.js";

const MEANING: Record<Verdict, string> = {
  PASS: "every change is safe",
  WARN: "risky changes: `lockstep plan` gives them online recipes",
  BLOCK: "breaking changes: `lockstep plan` asks to confirm them and splits them into expand and contract",
};

export function renderDiffPretty(result: DiffResult, title: string): string {
  const paint = currentPainter();
  const out: string[] = [paint.bold(title), ""];
  if (result.project) out.push(...projectLines(result.project), "");
  if (result.message) out.push(result.message, "");
  if (result.changes.length) out.push(paint.bold("Changes"), ...changeLines(result.changes, paint), "");
  if (result.findings.length) {
    out.push(paint.bold("Possible renames"));
    for (const f of result.findings) {
      out.push(`  ${f.message}`);
      if (f.fix) out.push(`    ${f.fix}`);
    }
    out.push("");
  }
  if (result.changes.length) out.push(countByRisk(result), "");
  out.push(`Verdict: ${paint.verdict(result.verdict)}`);
  return `${out.join("\n")}\n`;
}

export function renderDiffMarkdown(result: DiffResult, title: string): string {
  const sections: Section[] = [];
  if (result.message) sections.push({ title: "Note", blocks: [text(result.message)] });
  sections.push(changesSection(result.changes));
  if (result.findings.length)
    sections.push({
      title: "Possible renames",
      blocks: [list(result.findings.map((f) => (f.fix ? `${f.message} (${f.fix})` : f.message)))],
    });
  sections.push({ title: "Verdict", blocks: [text(`${result.verdict}: ${MEANING[result.verdict]}.`)] });
  return renderMarkdown(`${title}: ${result.verdict}`, sections);
}

/** `3 changes: 1 breaking, 1 risky, 1 safe`. */
function countByRisk(result: DiffResult): string {
  const n = result.changes.length;
  const parts = (["breaking", "risky", "safe"] as const satisfies readonly Risk[])
    .map((risk) => [risk, result.changes.filter((c) => c.risk === risk).length] as const)
    .filter(([, count]) => count > 0)
    .map(([risk, count]) => `${count} ${risk}`);
  return `${n} change${n === 1 ? "" : "s"}: ${parts.join(", ")}`;
}
