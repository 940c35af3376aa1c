/**
 * `lockstep check` as a migration review: the sections reviewers expect, in the order they read
 * them, then the verdict. One content model (sections of blocks), rendered for a terminal or a PR.
 */
import { changeSubject } from "./subject.js";
import type { CheckResult } from "../check/result.js";
import type { Verdict } from "../schema/verdict.js";
import { code, list, renderMarkdown, renderText, type Section, table, text } from "./blocks.js";
import type { Finding } from "../schema/finding.js";
import { currentPainter } from "./paint.js";

const at = (f: Finding) => (f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ""}` : ""}` : "");

const MEANING: Record<Verdict, string> = {
  PASS: "safe to deploy",
  WARN: "deployable, with the warnings above read and the checklist done",
  BLOCK: "do not deploy: fix the errors above (or confirm the breaking changes)",
};

export function checkSections(r: CheckResult): Section[] {
  const drift: Section = {
    title: "Schema changes",
    blocks: !r.project.schema
      ? [text("No model or schema file: drift not checked.")]
      : r.changes.length === 0
        ? [text(`${r.project.schema} matches what the migrations build: nothing left to migrate.`)]
        : [
            text(`${r.project.schema} has changes that no migration makes yet:`),
            table(
              ["Risk", "Change", "Object", "Why"],
              r.changes.map((c) => [c.risk.toUpperCase(), c.kind, changeSubject(c), c.reasons.join(" ")]),
            ),
          ],
  };
  const breaking: Section = {
    title: "Breaking changes requiring confirmation",
    blocks: r.breaking.length
      ? [
          list(r.breaking.map((c) => `${c.kind} ${changeSubject(c)}: ${c.reasons.join(" ")}`)),
          text("Confirm with --allow-breaking (and --rename where a drop and an add are one rename)."),
        ]
      : [text("None.")],
  };
  const files: Section = {
    title: "Generated or checked files",
    blocks: [
      text(`Migrations under test (linted and verified): ${r.selection.description}.`),
      r.files.length
        ? table(
            ["File", "Checks"],
            r.files.map((f) => [f.file, f.checks.join(", ")]),
          )
        : text("No migration to check."),
      ...r.pending.map((p) =>
        text(
          `Pending deploys: ${p.name} keeps deploy${p.remaining.length === 1 ? "" : "s"} ${p.remaining.join(", ")} of ${p.deploys} in ${p.dir}` +
            (p.upToDate
              ? ` (next: lockstep plan --next, once deploy ${p.remaining[0]! - 1} is applied).`
              : `, but the migrations folder changed since (${p.changed.join("; ")}): plan again.`),
        ),
      ),
      ...(r.changelog ? [text(`Changelog ${r.changelog.file}: ${r.changelog.status}.`)] : []),
    ],
  };
  const indexes: Section = {
    title: "Index recommendations",
    blocks: r.indexes.length
      ? r.indexes.flatMap((i) => [text(`${i.table} (${i.columns.join(", ")}): ${i.reason}`), code(i.sql)])
      : [text("None: every foreign key has an index that leads with its columns.")],
  };
  const querySafety: Section = { title: "Query safety", blocks: [text(r.querySafety.note)] };
  const sequence: Section = {
    title: "Deployment sequence",
    blocks: r.steps.length
      ? r.steps.flatMap((s, i) => [
          text(
            `${i + 1}. ${s.name} [${s.phase}, ${s.transactional ? "in a transaction" : "outside a transaction"}]: ${s.deploy}`,
          ),
          code(s.up.map((q) => `${q};`).join("\n")),
        ])
      : [text(r.files.length ? `Run ${r.files.map((f) => f.file).join(", ")} as usual.` : "Nothing to deploy.")],
  };
  const undo = [...r.steps]
    .reverse()
    .flatMap((s) => [
      text(`Undo ${s.name}${s.dataLoss ? ` (data loss: ${s.dataLoss})` : ""}:`),
      code(s.down.map((q) => `${q};`).join("\n")),
    ]);
  const downs = r.verify.map((v) =>
    v.down === "missing"
      ? `${v.file}: no down, it cannot be rolled back`
      : `${v.file}: down ${v.down}, round trip ${v.roundTrip}`,
  );
  const rollback: Section = {
    title: "Rollback",
    blocks:
      undo.length || downs.length ? [...undo, ...(downs.length ? [list(downs)] : [])] : [text("Nothing to roll back.")],
  };
  const checklist: Section = {
    title: "Pre-deploy checklist",
    blocks: [list(r.checklist.map((c) => `[${c.status}] ${c.item}: ${c.detail}`))],
  };
  const findings: Section = {
    title: "Findings",
    blocks: r.findings.length
      ? [
          table(
            ["Severity", "Rule", "Where", "Message"],
            r.findings.map((f) =>
              f.confirmed !== undefined
                ? [`${f.severity} (confirmed)`, f.rule, at(f), f.message]
                : [f.severity, f.rule, at(f), f.fix ? `${f.message} (fix: ${f.fix})` : f.message],
            ),
          ),
        ]
      : [text("None.")],
  };
  const verdict: Section = { title: "Verdict", blocks: [text(`${r.verdict}: ${MEANING[r.verdict]}.`)] };
  return [drift, breaking, files, indexes, querySafety, sequence, rollback, checklist, findings, verdict];
}

function title(r: CheckResult): string {
  const p = r.project;
  return `Lockstep check: ${p.framework} (${p.format}, ${p.dialect}), ${p.migrations}: ${r.verdict}`;
}

/** For a terminal: the verdict in its colour when the CLI turned colour on. */
export function renderCheckPretty(r: CheckResult): string {
  const paint = currentPainter();
  const sections = checkSections(r).map((s) =>
    s.title === "Verdict" ? { ...s, blocks: [text(`${paint.verdict(r.verdict)}: ${MEANING[r.verdict]}.`)] } : s,
  );
  return renderText(title(r), sections, paint);
}
export const renderCheckMarkdown = (r: CheckResult): string => renderMarkdown(title(r), checkSections(r));
