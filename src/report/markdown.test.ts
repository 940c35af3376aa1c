import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../lint/rule.js";
import type { Finding } from "../schema/finding.js";
import { escapeInline, renderLintMarkdown } from "./markdown.js";

const FILE_A = "migrations/001_init.sql";
const FILE_B = "migrations/002_users_age.sql";
const SOURCES = new Map([
  [FILE_A, "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX users_email ON users (email);\n"],
  [FILE_B, "BEGIN;\nALTER TABLE users ADD COLUMN age int NOT NULL;\nCOMMIT;\n"],
]);
const METAS: RuleMeta[] = [
  {
    name: "require-concurrent-index",
    severity: "warning",
    description: "CREATE INDEX without CONCURRENTLY on an existing table",
    docs: "A plain CREATE INDEX holds a SHARE lock on the table for the whole build. Build it with CREATE INDEX CONCURRENTLY. Not shown.",
  },
];
const ruleMeta = (name: string) => METAS.find((m) => m.name === name);

const FINDINGS: Finding[] = [
  {
    rule: "require-concurrent-index",
    severity: "warning",
    message: "CREATE INDEX on users blocks writes to it for the whole build",
    fix: "CREATE INDEX CONCURRENTLY users_email ON users (email);",
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
    column: 1,
  },
  { rule: "prefer-bigint", severity: "info", message: "age is an int", file: FILE_B, line: 2, column: 31 },
];

describe("renderLintMarkdown", () => {
  it("renders heading with verdict, table, details with source and fix (exact)", () => {
    expect(renderLintMarkdown(FINDINGS, { sources: SOURCES, ruleMeta })).toBe(
      [
        "## Lockstep lint: BLOCK",
        "",
        "Status: **blocked**. 1 error, 1 warning, 1 info in 2 files.",
        "",
        "| # | Location | Severity | Rule | Message |",
        "| --- | --- | --- | --- | --- |",
        "| 1 | migrations/001\\_init.sql:2:1 | warning | require-concurrent-index | CREATE INDEX on users blocks writes to it for the whole build |",
        "| 2 | migrations/002\\_users\\_age.sql:2:1 | error | adding-required-field | ADD COLUMN users.age NOT NULL fails on a table with rows |",
        "| 3 | migrations/002\\_users\\_age.sql:2:31 | info | prefer-bigint | age is an int |",
        "",
        "### Details",
        "",
        "#### 1. require-concurrent-index (warning) at migrations/001\\_init.sql:2:1",
        "",
        "CREATE INDEX on users blocks writes to it for the whole build",
        "",
        "```sql",
        "CREATE INDEX users_email ON users (email);",
        "```",
        "",
        "Why: A plain CREATE INDEX holds a SHARE lock on the table for the whole build. Build it with CREATE INDEX CONCURRENTLY.",
        "",
        "Fix:",
        "",
        "```sql",
        "CREATE INDEX CONCURRENTLY users_email ON users (email);",
        "```",
        "",
        "#### 2. adding-required-field (error) at migrations/002\\_users\\_age.sql:2:1",
        "",
        "ADD COLUMN users.age NOT NULL fails on a table with rows",
        "",
        "```sql",
        "ALTER TABLE users ADD COLUMN age int NOT NULL;",
        "```",
        "",
        "Fix:",
        "",
        "```sql",
        "ALTER TABLE users ADD COLUMN age int;",
        "UPDATE users SET age = 0 WHERE age IS NULL;",
        "ALTER TABLE users ALTER COLUMN age SET NOT NULL;",
        "```",
        "",
        "#### 3. prefer-bigint (info) at migrations/002\\_users\\_age.sql:2:31",
        "",
        "age is an int",
        "",
        "```sql",
        "ALTER TABLE users ADD COLUMN age int NOT NULL;",
        "```",
        "",
      ].join("\n"),
    );
  });

  it('says "No findings" for an empty list', () => {
    expect(renderLintMarkdown([])).toBe("## Lockstep lint: PASS\n\nStatus: **passed**. No findings.\n");
  });

  it("takes a title and a verdict (a WARN passes with warnings)", () => {
    const out = renderLintMarkdown([{ rule: "r", severity: "warning", message: "m" }], {
      title: "Lockstep plan",
      ruleMeta: () => undefined,
    });
    expect(out).toBe(
      [
        "## Lockstep plan: WARN",
        "",
        "Status: **passed with warnings**. 0 errors, 1 warning, 0 info.",
        "",
        "| # | Location | Severity | Rule | Message |",
        "| --- | --- | --- | --- | --- |",
        "| 1 | - | warning | r | m |",
        "",
        "### Details",
        "",
        "#### 1. r (warning)",
        "",
        "m",
        "",
      ].join("\n"),
    );
    expect(renderLintMarkdown([], { verdict: "WARN" })).toContain("Status: **passed with warnings**. No findings.");
  });

  it("keeps the table whole with a newline, a pipe, % and : in the text", () => {
    const out = renderLintMarkdown(
      [
        {
          rule: "r",
          severity: "error",
          message: "first | line\nsecond 100% <b>bold</b>",
          file: "db:main/a|b.sql",
          line: 1,
          column: 1,
        },
      ],
      { ruleMeta: () => undefined },
    );
    expect(out).toContain(
      "| 1 | db:main/a\\|b.sql:1:1 | error | r | first \\| line<br>second 100% &lt;b&gt;bold&lt;/b&gt; |",
    );
    const rows = out.split("\n").filter((l) => l.startsWith("| "));
    expect(rows).toHaveLength(3);
  });

  it("fences a fix that holds backticks with a longer fence", () => {
    const out = renderLintMarkdown([{ rule: "r", severity: "info", message: "m", fix: 'SELECT "```";\nSELECT 2;' }], {
      ruleMeta: () => undefined,
    });
    expect(out).toContain('````sql\nSELECT "```";\nSELECT 2;\n````\n');
  });
});

describe("escapeInline", () => {
  it("escapes Markdown punctuation, HTML and line starts that would make a list or heading", () => {
    expect(escapeInline("a_b *c* `d` [e](f) #1 ~g~ \\")).toBe("a\\_b \\*c\\* \\`d\\` \\[e\\](f) \\#1 \\~g\\~ \\\\");
    expect(escapeInline("- item")).toBe("\\- item");
    expect(escapeInline("1. item")).toBe("1\\. item");
    expect(escapeInline("a & b")).toBe("a &amp; b");
  });
});
