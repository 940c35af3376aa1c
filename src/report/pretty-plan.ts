import { changeSubject } from "./subject.js";
import type { PlanResult } from "../plan/result.js";
import type { ChangeReport } from "../plan/model.js";
import type { Project } from "../frameworks/detect.js";
import { currentPainter, type Painter } from "./paint.js";

/** The plan for a terminal: changes with risk and reasons, steps in deployment order, findings, verdict. */
export function renderPlanPretty(plan: PlanResult, title: string): string {
  const paint = currentPainter();
  const out: string[] = [paint.bold(title), ""];
  if (plan.project) out.push(...projectLines(plan.project), "");
  if (plan.message) out.push(plan.message, "");
  if (plan.changes.length) {
    out.push(paint.bold("Changes"));
    out.push(...changeLines(plan.changes, paint));
    out.push("");
  }
  if (plan.steps.length) {
    out.push(paint.bold("Deployment sequence"));
    plan.steps.forEach((s, i) => {
      out.push(
        `  ${i + 1}. ${s.name}  [${s.phase}, ${s.transactional ? "in a transaction" : "outside a transaction"}]`,
      );
      out.push(`     deploy: ${s.deploy}`);
      if (s.dataLoss) out.push(`     data loss: ${s.dataLoss}`);
      out.push("     up:");
      for (const sql of s.up) out.push(indent(`${sql};`, 7));
      out.push("     down:");
      for (const sql of s.down) out.push(indent(`${sql};`, 7));
    });
    out.push("");
  }
  if (plan.findings.length) {
    out.push(paint.bold("Findings"));
    for (const f of plan.findings) {
      out.push(`  ${paint.severity(f.severity, f.severity.padEnd(7))} ${f.rule}: ${f.message}`);
      if (f.fix) out.push(`          fix: ${f.fix}`);
    }
    out.push("");
  }
  if (plan.files.length) {
    out.push(paint.bold("Files written"));
    for (const f of plan.files) out.push(`  ${f}`);
    out.push("");
  }
  const deploys = deploysLine(plan);
  if (deploys) out.push(deploys, "");
  out.push(`Verdict: ${paint.verdict(plan.verdict)}`);
  return `${out.join("\n")}\n`;
}

/** The project detected, and what gave it away. */
export function projectLines(project: Project): string[] {
  return [`Project: ${project.framework}, ${project.dialect}`, ...project.evidence.map((line) => `  ${line}`)];
}

/** Each change with its risk, and its reasons under it. */
export function changeLines(changes: readonly ChangeReport[], paint: Painter): string[] {
  return changes.flatMap((c) => [
    `  ${paint.risk(c.risk, c.risk.toUpperCase().padEnd(8))} ${c.kind} ${changeSubject(c)}`,
    ...c.reasons.map((r) => `           ${r}`),
  ]);
}

function indent(text: string, n: number): string {
  const pad = " ".repeat(n);
  return text
    .split("\n")
    .map((l) => pad + l)
    .join("\n");
}

/** How many deploys remain and where they are kept (one deploy at a time in the migrations folder). */
function deploysLine(plan: PlanResult): string | undefined {
  const remaining = plan.deploysRemaining ?? 0;
  if (plan.pending)
    return plan.verdict === "BLOCK"
      ? `Deploys remaining: ${remaining} of ${plan.deploys}, kept in ${plan.pending}; none written.`
      : `Deploys remaining: ${remaining} of ${plan.deploys}, kept in ${plan.pending}. Once this deploy is applied, run lockstep plan --next.`;
  if (remaining > 0 && plan.files.length === 0)
    return `Deploys: ${plan.deploys}. Written with --name, deploy 1 goes into the migrations folder and the rest is kept in .lockstep/pending/ for lockstep plan --next.`;
  return plan.deploys && plan.deploys > 1 && remaining === 0
    ? `Deploys remaining: none (${plan.deploys} in all).`
    : undefined;
}
