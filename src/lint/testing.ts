/** Test helpers for rules: lint SQL text as one migration file and read back the findings. */
import { initParser } from "../dialects/postgres/parse.js";
import type { Finding } from "../report/finding.js";
import type { Schema } from "../schema/model.js";
import type { Rule } from "./rule.js";
import { lintSections } from "./run.js";

export async function lintSql(
  sql: string,
  rules: readonly Rule[],
  options: { transactional?: boolean; postgresVersion?: number; schema?: Schema } = {},
): Promise<Finding[]> {
  await initParser();
  return lintSections(
    [{ text: sql, file: "migration.sql", startLine: 1, transactional: options.transactional ?? true }],
    { rules, postgresVersion: options.postgresVersion, schema: options.schema },
  );
}

/** `rule@line` for each finding: compact to assert on. */
export function at(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.line}`);
}
