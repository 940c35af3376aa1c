/**
 * `lockstep plan` for a pull request and for CI: the changes, each step with its SQL both ways and
 * the table locks it asks for, the deployment order, the rollback, the findings and the verdict.
 * One content model (sections of blocks, as `check` and the migration guide use), rendered as a
 * markdown PR comment, a workflow-log group beside GitHub annotations, or SARIF run properties.
 */
import type { ChangeReport, Plan, Step } from "../plan/model.js";
import { code, list, renderMarkdown, renderText, type Section, table, text } from "./blocks.js";
import { changeSubject } from "./subject.js";

const MEANING = {
  PASS: "safe to deploy",
  WARN: "deployable in the order above, with each step's code deploy and the warnings read",
  BLOCK: "not written: fix the errors (or confirm the breaking changes)",
} as const;

const where = (s: Step) => (s.transactional ? "in a transaction" : "outside a transaction");

/** The locks a step's up asks for, one line per statement that takes one, as its records say. */
export function stepLocks(step: Step): string[] {
  return (step.statements?.up ?? []).flatMap(({ sql, lock }) => {
    const first = sql.split("\n")[0]!.slice(0, 80);
    // A DO block's locks are its inner statements': say so rather than report none.
    if (!lock) return [`the locks of the statements inside: ${first}`];
    return lock.length ? [`${lock.map((l) => `${l.mode} on ${l.relation}`).join(", ")}: ${first}`] : [];
  });
}

/** The changes as a table: risk, kind, object, reasons. */
export function changesSection(changes: readonly ChangeReport[]): Section {
  return {
    title: "Changes",
    blocks: changes.length
      ? [
          table(
            ["Risk", "Change", "Object", "Why"],
            changes.map((c) => [c.risk.toUpperCase(), c.kind, changeSubject(c), c.reasons.join(" ")]),
          ),
        ]
      : [text("None: the schemas are the same.")],
  };
}

export function planSections(plan: Plan & { readonly message?: string }): Section[] {
  const sections: Section[] = [];
  if (plan.message) sections.push({ title: "Note", blocks: [text(plan.message)] });
  sections.push(changesSection(plan.changes));
  sections.push({
    title: "Steps",
    blocks: plan.steps.length
      ? plan.steps.flatMap((s, i) => {
          const locks = stepLocks(s);
          return [
            text(`Step ${i + 1}: ${s.name} (${s.phase}, ${where(s)})`),
            text(`Deploy: ${s.deploy}`),
            ...(s.dataLoss ? [text(`Data loss: ${s.dataLoss}`)] : []),
            text(locks.length ? "Locks:" : "Locks: none on existing tables."),
            ...(locks.length ? [list(locks)] : []),
            text("Up:"),
            code(s.up.map((q) => `${q};`).join("\n")),
            text("Down:"),
            code(s.down.map((q) => `${q};`).join("\n")),
          ];
        })
      : [text("No step.")],
  });
  if (plan.steps.length)
    sections.push(
      {
        title: "Deployment order",
        blocks: [
          list(
            plan.steps.map((s) => `${s.name} [${s.phase}, ${where(s)}]: ${s.deploy}`),
            true,
          ),
        ],
      },
      {
        title: "Rollback",
        blocks: [
          text("Run the downs in reverse order, each only if its up ran:"),
          list(
            [...plan.steps].reverse().map((s) => `${s.name}'s down${s.dataLoss ? `: data loss, ${s.dataLoss}` : ""}`),
            true,
          ),
        ],
      },
    );
  sections.push({
    title: "Findings",
    blocks: plan.findings.length
      ? [
          table(
            ["Severity", "Rule", "Message"],
            plan.findings.map((f) => [f.severity, f.rule, f.fix ? `${f.message} (fix: ${f.fix})` : f.message]),
          ),
        ]
      : [text("None.")],
  });
  if (plan.files.length) sections.push({ title: "Files written", blocks: [list(plan.files)] });
  sections.push({ title: "Verdict", blocks: [text(`${plan.verdict}: ${MEANING[plan.verdict]}.`)] });
  return sections;
}

/** The plan as a pull-request comment. */
export function renderPlanMarkdown(plan: Plan & { readonly message?: string }, title: string): string {
  return renderMarkdown(`${title}: ${plan.verdict}`, planSections(plan));
}

/**
 * The plan for a GitHub Actions log: each finding an annotation, the plan itself in a collapsed
 * group (`::group::`), then the verdict.
 */
export function renderPlanGithub(
  plan: Plan & { readonly message?: string },
  title: string,
  annotations: readonly string[],
): string {
  const body = renderText(`${title}: ${plan.verdict}`, planSections(plan)).trimEnd();
  // A workflow command at the start of a line would be run: the plan's text is indented.
  const group = body.split("\n").map((l) => (l.startsWith("::") ? ` ${l}` : l));
  return [...annotations, `::group::${title}`, ...group, "::endgroup::", `Verdict: ${plan.verdict}`, ""].join("\n");
}

/** What SARIF carries of the plan beside its findings: the run's property bag. */
export function planProperties(plan: Plan): Record<string, unknown> {
  return {
    verdict: plan.verdict,
    changes: plan.changes,
    // The records are the plan's own working: SARIF carries the statements' SQL and locks.
    steps: plan.steps.map((step) => {
      const { statements: _records, ...s } = step;
      return { ...s, locks: stepLocks(step) };
    }),
    files: plan.files,
  };
}
