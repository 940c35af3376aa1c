/** Test helpers for rules: lint SQL text as one migration file and read back the findings (PostgreSQL's by default). */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
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

/**
 * The registry checks every dialect's rule folder passes: each rule registered once, found by its
 * name, kebab-case, in its own file (`dir/<name>.ts`) with its own tests, a description, docs and a
 * severity. `also` adds a dialect's own check of each rule.
 */
export function describeRuleRegistry(
  title: string,
  rules: readonly Rule[],
  dir: string,
  also: (rule: Rule) => void = () => {},
): void {
  describe(title, () => {
    it("registers every rule once", () => {
      const names = rules.map((r) => r.meta.name);
      expect(new Set(names).size).toBe(names.length);
    });

    it.each(rules.map((r) => [r.meta.name, r] as const))(
      "%s: kebab-case, own file and tests, description, docs and severity",
      (name, rule) => {
        expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
        expect(existsSync(resolve(dir, `${name}.test.ts`))).toBe(true);
        expect(readFileSync(resolve(dir, `${name}.ts`), "utf8")).toContain(`name: "${name}"`);
        expect(rule.meta.description.trim().length).toBeGreaterThan(5);
        expect(rule.meta.docs.trim().length).toBeGreaterThan(40);
        expect(["error", "warning", "info", "off"]).toContain(rule.meta.severity);
        also(rule);
      },
    );
  });
}
