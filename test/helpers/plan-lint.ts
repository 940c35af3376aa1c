/**
 * `plan` must never write what its own `lint` flags. This renders a plan's steps as the plain-SQL
 * writer writes them, reads them back as `lint` reads a folder, and lints them with the schema the
 * plan starts from: what is left after the hazards the plan itself declares (its findings' rules)
 * is a defect of the planner.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { sqlWriter } from "../../src/frameworks/sql/index.js";
import { sectionsOf } from "../../src/lint/files.js";
import { lintSections } from "../../src/lint/run.js";
import type { Plan } from "../../src/plan/model.js";
import type { Finding } from "../../src/schema/finding.js";
import { postgres } from "../../src/dialects/postgres/index.js";
import type { Schema } from "../../src/schema/model.js";

export interface PlanLintOptions {
  /** The schema the plan starts from (lint's `--schema`). */
  readonly schema?: Schema;
  readonly postgresVersion?: number;
}

/** Error and warning findings of `lint` over the plan's written ups that the plan does not declare. */
export function undeclaredLintFindings(plan: Pick<Plan, "steps" | "findings">, options: PlanLintOptions = {}) {
  if (plan.steps.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), "lockstep-plan-lint-"));
  try {
    const files = sqlWriter.plan({ steps: plan.steps, name: "planned", dir, now: new Date(0) }, postgres);
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const findings = lintSections(sectionsOf(dir, dir, postgres), {
      dialect: postgres,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.postgresVersion !== undefined ? { postgresVersion: options.postgresVersion } : {}),
    });
    const declared = new Set(plan.findings.map((f) => f.rule));
    return findings.filter((f) => f.severity !== "info" && !declared.has(f.rule));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeFinding(f: Finding): string {
  return `${f.file}:${f.line}: ${f.rule}: ${f.message}`;
}

/** Fails with every undeclared lint finding, one line each. */
export function expectLintClean(plan: Pick<Plan, "steps" | "findings">, options: PlanLintOptions = {}): void {
  expect(undeclaredLintFindings(plan, options).map(describeFinding), "lint over the plan's own files").toEqual([]);
}
