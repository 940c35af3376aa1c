import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../lint/rule.js";
import { postgres } from "../dialects/postgres/index.js";
import type { Finding } from "../schema/finding.js";
import { countsBySeverity, docsSummary, locationOf, renderLintPretty } from "./lint-pretty.js";

const FILE_A = "migrations/001_init.sql";
const FILE_B = "migrations/002_users_age.sql";
const SOURCES = new Map([
  [FILE_A, "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX users_email ON users (email);\n"],
  [FILE_B, "BEGIN;\n\tALTER TABLE users ADD COLUMN age int NOT NULL;\r\nCOMMIT;\n"],
]);
const METAS: RuleMeta[] = [
  {
    name: "require-concurrent-index",
    severity: "warning",
    description: "CREATE INDEX without CONCURRENTLY on an existing table",
    docs: "A plain CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE waits. Build it with CREATE INDEX CONCURRENTLY, alone, outside a transaction. A third sentence is not shown.",
  },
  {
    name: "adding-required-field",
    severity: "error",
    description: "ADD COLUMN NOT NULL without a default",
    docs: "Adding a NOT NULL column without a default fails on a table that has rows.",
  },
];
const ruleMeta = (name: string) => METAS.find((m) => m.name === name);

const FINDINGS: Finding[] = [
  {
    rule: "require-concurrent-index",
    severity: "warning",
    message: "CREATE INDEX on users blocks writes to it for the whole build",
    fix: "CREATE INDEX CONCURRENTLY users_email ON users (email); -- alone, outside a transaction",
    file: FILE_A,
    line: 2,
    column: 1,
  },
  {
    rule: "adding-required-field",
    severity: "error",
    message: "ADD COLUMN users.age NOT NULL fails on a table with rows",
    fix: "ALTER TABLE users ADD COLUMN age int;\nUPDATE users SET age = 0 WHERE age IS NULL;\nALTER TABLE users ALTER COLUMN age SET NOT NULL;",
    file: FILE_B,
    line: 2,
    column: 2,
  },
  { rule: "prefer-bigint", severity: "info", message: "age is an int", file: FILE_B, line: 2, column: 36 },
];

describe("renderLintPretty", () => {
  it("renders location, source line with caret, why, fix, counts and verdict (exact)", () => {
    expect(renderLintPretty(FINDINGS, { sources: SOURCES, ruleMeta })).toBe(
      [
        "migrations/001_init.sql:2:1: warning require-concurrent-index: CREATE INDEX on users blocks writes to it for the whole build",
        "   |",
        " 2 | CREATE INDEX users_email ON users (email);",
        "   | ^",
        "  why: A plain CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE waits. Build it with CREATE INDEX CONCURRENTLY, alone, outside a transaction.",
        "  fix: CREATE INDEX CONCURRENTLY users_email ON users (email); -- alone, outside a transaction",
        "",
        "migrations/002_users_age.sql:2:2: error adding-required-field: ADD COLUMN users.age NOT NULL fails on a table with rows",
        "   |",
        " 2 | \tALTER TABLE users ADD COLUMN age int NOT NULL;",
        "   | \t^",
        "  why: Adding a NOT NULL column without a default fails on a table that has rows.",
        "  fix: ALTER TABLE users ADD COLUMN age int;",
        "       UPDATE users SET age = 0 WHERE age IS NULL;",
        "       ALTER TABLE users ALTER COLUMN age SET NOT NULL;",
        "",
        "migrations/002_users_age.sql:2:36: info prefer-bigint: age is an int",
        "   |",
        " 2 | \tALTER TABLE users ADD COLUMN age int NOT NULL;",
        "   | \t                                  ^",
        "",
        "3 findings: 1 error, 1 warning, 1 info",
        "Verdict: BLOCK",
        "",
      ].join("\n"),
    );
  });

  it("reads sources through readSource, once a file, and survives a reader that throws", () => {
    const reads: string[] = [];
    const readSource = (file: string) => {
      reads.push(file);
      if (file === FILE_A) throw new Error("EACCES");
      return SOURCES.get(file);
    };
    const out = renderLintPretty(FINDINGS, { readSource, ruleMeta });
    expect(reads).toEqual([FILE_A, FILE_B]);
    expect(out).not.toContain(" 2 | CREATE INDEX");
    expect(out).toContain(" 2 | \tALTER TABLE");
  });

  it("renders no findings as a summary and PASS", () => {
    expect(renderLintPretty([])).toBe("No findings.\nVerdict: PASS\n");
  });

  it("takes a given verdict, and prints findings without a place or source", () => {
    const out = renderLintPretty(
      [
        { rule: "plan-breaking", severity: "warning", message: "drops column users.age" },
        { rule: "x", severity: "info", message: "m", file: "gone.sql", line: 9, column: 1 },
        { rule: "x", severity: "info", message: "line past the end", file: FILE_A, line: 40, column: 1 },
      ],
      { verdict: "BLOCK", sources: SOURCES, ruleMeta: () => undefined },
    );
    expect(out).toBe(
      [
        "warning plan-breaking: drops column users.age",
        "",
        "gone.sql:9:1: info x: m",
        "",
        "migrations/001_init.sql:40:1: info x: line past the end",
        "",
        "3 findings: 0 errors, 1 warning, 2 info",
        "Verdict: BLOCK",
        "",
      ].join("\n"),
    );
  });

  it("keeps a message's odd characters, indents its further lines, clamps the caret, and widens the gutter", () => {
    const text = `${"\n".repeat(11)}SELECT 1;`;
    const out = renderLintPretty(
      [{ rule: "r", severity: "error", message: "100% odd: a\nb", file: "db:main.sql", line: 12, column: 99 }],
      { sources: new Map([["db:main.sql", text]]), ruleMeta: () => undefined },
    );
    expect(out).toBe(
      [
        "db:main.sql:12:99: error r: 100% odd: a",
        "  b",
        "    |",
        " 12 | SELECT 1;",
        "    |          ^",
        "",
        "1 finding: 1 error, 0 warnings, 0 info",
        "Verdict: BLOCK",
        "",
      ].join("\n"),
    );
  });

  it("colors only when asked", () => {
    const plain = renderLintPretty(FINDINGS, { sources: SOURCES, ruleMeta });
    expect(plain).not.toContain("\x1b[");
    const colored = renderLintPretty(FINDINGS, { sources: SOURCES, ruleMeta, color: true });
    expect(colored).toContain("\x1b[31merror\x1b[0m");
    expect(colored).toContain("Verdict: \x1b[1;31mBLOCK\x1b[0m");
    expect(colored.replace(/\x1b\[[0-9;]*m/g, "")).toBe(plain);
  });

  it("uses the docs of the dialect's rules given as ruleMeta", () => {
    const fromDialect = (name: string) => postgres.rules.find((r) => r.meta.name === name)?.meta;
    const out = renderLintPretty([FINDINGS[0]!], { sources: SOURCES, ruleMeta: fromDialect });
    expect(out).toMatch(/\n {2}why: .*CREATE INDEX/);
  });
});

describe("helpers", () => {
  it("docsSummary keeps the first two sentences, on one line", () => {
    expect(docsSummary("One. Two\n  lines. Three.")).toBe("One. Two lines.");
    expect(docsSummary("Uses e.g. lowercase after a dot. Second. Third.", 1)).toBe("Uses e.g. lowercase after a dot.");
  });

  it("locationOf and countsBySeverity", () => {
    expect(locationOf({ rule: "r", severity: "info", message: "m", file: "a.sql", line: 3 })).toBe("a.sql:3");
    expect(locationOf({ rule: "r", severity: "info", message: "m", file: "a.sql" })).toBe("a.sql");
    expect(countsBySeverity(FINDINGS.slice(0, 1))).toBe("0 errors, 1 warning, 0 info");
    const confirmed = { rule: "drop-column", severity: "info" as const, message: "m", confirmed: "unused" };
    expect(countsBySeverity([confirmed, ...FINDINGS.slice(0, 1)])).toBe("0 errors, 1 warning, 1 info (1 confirmed)");
  });

  it("shows a confirmed finding as confirmed, without the fix it no longer needs", () => {
    const text = renderLintPretty([
      { rule: "drop-column", severity: "info", message: "dropping t.c", fix: "safe way", confirmed: "unused" },
    ]);
    expect(text).toContain("info (confirmed) drop-column: dropping t.c");
    expect(text).not.toContain("safe way");
    expect(text).toContain("1 finding: 0 errors, 0 warnings, 1 info (1 confirmed)\nVerdict: PASS");
  });
});
