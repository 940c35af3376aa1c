/**
 * The migration guide `plan --with-docs` writes beside the files: what changes and how risky it is,
 * the deployment steps, the rollback plan, the lock impact each statement had when the plan was
 * traced, and what to watch while it runs. Markdown, from the same block model as `check`.
 */
import { changeSubject } from "./subject.js";
import type { ChangeReport, Step } from "../plan/model.js";
import type { Verdict } from "../schema/verdict.js";
import type { Dialect } from "../dialects/dialect.js";
import { code, list, renderMarkdown, type Section, table, text } from "./blocks.js";

/** What one statement of a step did on the throwaway database. */
export interface StatementImpact {
  readonly sql: string;
  readonly locks: readonly { readonly relation: string; readonly mode: string }[];
  readonly rewrites: readonly string[];
  readonly ms: number;
}

export interface GuideInput {
  readonly name: string;
  readonly verdict: Verdict;
  readonly changes: readonly ChangeReport[];
  readonly steps: readonly Step[];
  /** The files written, in order. */
  readonly files: readonly string[];
  /** Per step, in order: the traced statements (absent when the plan was not traced). */
  readonly impact?: readonly (readonly StatementImpact[])[];
}

/** The locks a statement held; a statement that runs outside a transaction frees them before they can be read. */
function locksCell(t: StatementImpact, step: Step, dialect: Dialect): string {
  if (t.locks.length)
    return t.locks
      .map((l) => `${l.relation}: ${l.mode}${dialect.isBlockingLock(l.mode) ? " (blocks writes)" : ""}`)
      .join(", ");
  if (step.transactional) return "none";
  const held = dialect.locksOutsideTransaction(t.sql);
  return `not observable (outside a transaction)${held ? `; ${held}` : ""}`;
}

export function renderMigrationGuide(g: GuideInput, dialect: Dialect): string {
  const counts = (["safe", "risky", "breaking"] as const)
    .map((r) => `${g.changes.filter((c) => c.risk === r).length} ${r}`)
    .join(", ");
  const deploys = new Set(g.steps.map((s) => s.phase)).size;
  const sections: Section[] = [
    {
      title: "Summary",
      blocks: [
        text(
          `Verdict ${g.verdict}. ${g.changes.length} change${g.changes.length === 1 ? "" : "s"} (${counts}), ${g.steps.length} step${g.steps.length === 1 ? "" : "s"}${deploys > 1 ? ` over ${deploys} phases: deploy them in order, each with the code it names` : ""}.`,
        ),
        ...(g.files.length ? [list(g.files)] : []),
      ],
    },
    {
      title: "Changes",
      blocks: [
        table(
          ["Risk", "Change", "Object", "Why"],
          g.changes.map((c) => [c.risk.toUpperCase(), c.kind, changeSubject(c), c.reasons.join(" ")]),
        ),
      ],
    },
    {
      title: "Deployment steps",
      blocks: g.steps.flatMap((s, i) => [
        text(
          `${i + 1}. ${s.name} (${s.phase}, ${s.transactional ? "in a transaction" : "outside a transaction"}): ${s.deploy}`,
        ),
        code(s.up.map((q) => `${q};`).join("\n")),
      ]),
    },
    {
      title: "Expected lock impact",
      blocks: g.impact
        ? [
            text(
              "Traced on a throwaway database with the current schema and no rows: lock modes are what production will see, durations grow with the tables.",
            ),
            table(
              ["Step", "Statement", "Locks", "Rewrites", "ms"],
              g.impact.flatMap((stmts, i) =>
                stmts.map((t) => [
                  String(i + 1),
                  t.sql.split("\n")[0]!.slice(0, 80),
                  locksCell(t, g.steps[i]!, dialect),
                  t.rewrites.join(", ") || "none",
                  t.ms.toFixed(1),
                ]),
              ),
            ),
          ]
        : [text("Not traced.")],
    },
    {
      title: "Rollback plan",
      blocks: [...g.steps]
        .reverse()
        .flatMap((s) => [
          text(
            `Undo ${s.name}${s.dataLoss ? `. Data loss: ${s.dataLoss}` : ""}${s.transactional ? "" : " (outside a transaction)"}:`,
          ),
          code(s.down.map((q) => `${q};`).join("\n")),
        ]),
    },
    { title: "Monitoring", blocks: [list(dialect.monitoringHints(g.steps))] },
  ];
  return renderMarkdown(`Migration guide: ${g.name}`, sections);
}
