import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../lint/rule.js";
import { postgres } from "../dialects/postgres/index.js";
import type { Finding } from "../schema/finding.js";
import { artifactUri, renderSarif } from "./sarif.js";
import { expectValidSarif, isValidSarif } from "../../test/helpers/sarif-schema.js";

const METAS: RuleMeta[] = [
  {
    name: "require-concurrent-index",
    severity: "warning",
    description: "CREATE INDEX without CONCURRENTLY on an existing table",
    docs: "A plain CREATE INDEX holds a SHARE lock on the table for the whole build. Build it CONCURRENTLY.",
  },
  {
    name: "adding-required-field",
    severity: "error",
    description: "ADD COLUMN NOT NULL without a default",
    docs: "Adding a NOT NULL column without a default fails on a table that has rows.",
  },
  { name: "ban-drop-database", severity: "off", description: "DROP DATABASE", docs: "" },
];

const FINDINGS: Finding[] = [
  {
    rule: "require-concurrent-index",
    severity: "warning",
    message: "CREATE INDEX on users blocks writes to it for the whole build",
    fix: "CREATE INDEX CONCURRENTLY users_email ON users (email);",
    file: "migrations/001_init.sql",
    line: 2,
    column: 1,
  },
  {
    rule: "adding-required-field",
    severity: "error",
    message: "ADD COLUMN users.age NOT NULL fails on a table with rows",
    fix: "ALTER TABLE users ADD COLUMN age int;\nUPDATE users SET age = 0;\nALTER TABLE users ALTER COLUMN age SET NOT NULL;",
    file: "migrations\\002_users_age.sql",
    line: 2,
    column: 2,
  },
  { rule: "prefer-bigint", severity: "info", message: "age is an int", file: "migrations/002_users_age.sql", line: 2 },
];

describe("renderSarif", () => {
  it("renders one run with rules, results, levels and locations (exact)", () => {
    const text = renderSarif(FINDINGS, { rules: METAS, toolVersion: "0.1.0", root: "/repo" });
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual({
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "lockstep",
              version: "0.1.0",
              informationUri: "https://www.npmjs.com/package/lockstep",
              rules: [
                {
                  id: "require-concurrent-index",
                  name: "require-concurrent-index",
                  shortDescription: { text: "CREATE INDEX without CONCURRENTLY on an existing table" },
                  fullDescription: { text: METAS[0]!.docs },
                  help: { text: METAS[0]!.docs },
                  defaultConfiguration: { level: "warning" },
                },
                {
                  id: "adding-required-field",
                  name: "adding-required-field",
                  shortDescription: { text: "ADD COLUMN NOT NULL without a default" },
                  fullDescription: { text: METAS[1]!.docs },
                  help: { text: METAS[1]!.docs },
                  defaultConfiguration: { level: "error" },
                },
                {
                  id: "ban-drop-database",
                  name: "ban-drop-database",
                  shortDescription: { text: "DROP DATABASE" },
                  fullDescription: { text: "DROP DATABASE" },
                  help: { text: "DROP DATABASE" },
                  defaultConfiguration: { enabled: false, level: "warning" },
                },
                {
                  id: "prefer-bigint",
                  name: "prefer-bigint",
                  shortDescription: { text: "prefer bigint" },
                  fullDescription: { text: "prefer bigint" },
                  help: { text: "prefer bigint" },
                  defaultConfiguration: { level: "note" },
                },
              ],
            },
          },
          columnKind: "utf16CodeUnits",
          results: [
            {
              ruleId: "require-concurrent-index",
              ruleIndex: 0,
              level: "warning",
              message: {
                text: "CREATE INDEX on users blocks writes to it for the whole build\n\nFix:\nCREATE INDEX CONCURRENTLY users_email ON users (email);",
              },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: "migrations/001_init.sql" },
                    region: { startLine: 2, startColumn: 1 },
                  },
                },
              ],
            },
            {
              ruleId: "adding-required-field",
              ruleIndex: 1,
              level: "error",
              message: {
                text: "ADD COLUMN users.age NOT NULL fails on a table with rows\n\nFix:\nALTER TABLE users ADD COLUMN age int;\nUPDATE users SET age = 0;\nALTER TABLE users ALTER COLUMN age SET NOT NULL;",
              },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: "migrations/002_users_age.sql" },
                    region: { startLine: 2, startColumn: 2 },
                  },
                },
              ],
            },
            {
              ruleId: "prefer-bigint",
              ruleIndex: 3,
              level: "note",
              message: { text: "age is an int" },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: "migrations/002_users_age.sql" },
                    region: { startLine: 2 },
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("validates against the SARIF 2.1.0 JSON schema", () => {
    expectValidSarif(renderSarif(FINDINGS, { rules: METAS, toolVersion: "0.1.0" }));
  });

  it("validates with every registered rule and a finding of each", () => {
    const rules = postgres.rules.map((r) => r.meta);
    const findings: Finding[] = rules.map((m, i) => ({
      rule: m.name,
      severity: m.severity === "off" ? "info" : m.severity,
      message: `finding ${i}`,
      file: "m.sql",
      line: i + 1,
      column: 1,
    }));
    expectValidSarif(renderSarif(findings, { rules, toolVersion: "0.1.0" }));
  });

  it("renders an empty run for no findings, still valid", () => {
    const text = renderSarif([], { rules: [], toolVersion: "0.1.0" });
    expectValidSarif(text);
    const log = JSON.parse(text) as { runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[] };
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
  });

  it("keeps odd messages and file names valid: newline, %, colon, space, no location", () => {
    const odd: Finding[] = [
      {
        rule: "r",
        severity: "error",
        message: 'line one\nline two 100% "quoted"',
        file: "db:main/2024 01 % init.sql",
        line: 1,
        column: 3,
      },
      { rule: "plan-breaking", severity: "warning", message: "no file" },
      { rule: "r", severity: "info", message: "file, no line", file: "a.sql" },
    ];
    const text = renderSarif(odd, { rules: [], toolVersion: "0.1.0" });
    expectValidSarif(text);
    const results = (JSON.parse(text) as { runs: { results: Record<string, unknown>[] }[] }).runs[0]!.results;
    expect(results[0]!.message).toEqual({ text: 'line one\nline two 100% "quoted"' });
    expect(results[0]!.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "db%3Amain/2024%2001%20%25%20init.sql" },
          region: { startLine: 1, startColumn: 3 },
        },
      },
    ]);
    expect(results[1]!.locations).toBeUndefined();
    expect(results[1]!.ruleIndex).toBe(1);
    expect(results[2]!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: "a.sql" } } }]);
  });

  it("rejects what the schema forbids (the validator is live)", () => {
    const log = JSON.parse(renderSarif(FINDINGS, { rules: METAS, toolVersion: "0.1.0" })) as {
      runs: { results: { level: string }[] }[];
    };
    log.runs[0]!.results[0]!.level = "info";
    expect(isValidSarif(log)).toBe(false);
  });
});

describe("artifactUri", () => {
  it("gives relative paths with forward slashes", () => {
    expect(artifactUri("./migrations/001.sql", "/repo")).toBe("migrations/001.sql");
    expect(artifactUri("migrations\\001.sql", "/repo")).toBe("migrations/001.sql");
    expect(artifactUri("/repo/migrations/001.sql", "/repo")).toBe("migrations/001.sql");
    expect(artifactUri("C:\\repo\\migrations\\001.sql", "C:\\repo")).toBe("migrations/001.sql");
  });

  it("gives file URIs for absolute paths outside the root", () => {
    expect(artifactUri("/elsewhere/a b.sql", "/repo")).toBe("file:///elsewhere/a%20b.sql");
    expect(artifactUri("D:\\x\\a.sql", "C:\\repo")).toBe("file:///D:/x/a.sql");
  });
});
