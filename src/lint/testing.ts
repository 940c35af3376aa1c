/** Test helpers for rules: lint SQL text as one migration file and read back the findings (PostgreSQL's by default). */
import { postgres } from "../dialects/postgres/index.js";
import type { Dialect } from "../dialects/dialect.js";
import type { Finding, Severity } from "../schema/finding.js";
import type { Schema, Table } from "../schema/model.js";
import type { Rule } from "./rule.js";
import { lintSections } from "./run.js";

export async function lintSql(
  sql: string,
  rules: readonly Rule[],
  options: {
    transactional?: boolean;
    postgresVersion?: number;
    sqliteVersion?: string;
    schema?: Schema;
    severities?: Readonly<Record<string, Severity | "off">>;
    dialect?: Dialect;
  } = {},
): Promise<Finding[]> {
  const dialect = options.dialect ?? postgres;
  await dialect.ready();
  return lintSections(
    [{ text: sql, file: "migration.sql", startLine: 1, transactional: options.transactional ?? true }],
    {
      dialect,
      rules,
      postgresVersion: options.postgresVersion,
      sqliteVersion: options.sqliteVersion,
      schema: options.schema,
      severities: options.severities,
    },
  );
}

/** `rule@line` for each finding: compact to assert on. */
export function at(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.line}`);
}

/** A table of the schema model with only what a rule test needs. */
export function testTable(name: string, columns: Record<string, string>, extra: Partial<Table> = {}): Table {
  return {
    schema: "public",
    name,
    columns: Object.entries(columns).map(([n, type]) => ({ name: n, type, notNull: false })),
    uniques: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    indexes: [],
    ...extra,
  };
}

/** A schema of these tables (and enums). */
export function testSchema(tables: Table[], enums: Schema["enums"] = []): Schema {
  return { namespaces: [], extensions: [], enums, sequences: [], tables };
}
