import { describe, expect, it } from "vitest";
import type { Finding } from "../schema/finding.js";
import { escapeData, escapeProperty, githubAnnotation, renderGithub } from "./github.js";

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
    file: "migrations/002_users_age.sql",
    line: 2,
    column: 2,
  },
  { rule: "prefer-bigint", severity: "info", message: "age is an int", file: "migrations/002_users_age.sql", line: 2 },
];

describe("renderGithub", () => {
  it("renders one workflow command a finding, then the verdict (exact)", () => {
    expect(renderGithub(FINDINGS)).toBe(
      [
        "::warning file=migrations/001_init.sql,line=2,col=1,title=require-concurrent-index::CREATE INDEX on users blocks writes to it for the whole build%0AFix: CREATE INDEX CONCURRENTLY users_email ON users (email);",
        "::error file=migrations/002_users_age.sql,line=2,col=2,title=adding-required-field::ADD COLUMN users.age NOT NULL fails on a table with rows%0AFix: ALTER TABLE users ADD COLUMN age int;%0AUPDATE users SET age = 0;%0AALTER TABLE users ALTER COLUMN age SET NOT NULL;",
        "::notice file=migrations/002_users_age.sql,line=2,title=prefer-bigint::age is an int",
        "Verdict: BLOCK",
        "",
      ].join("\n"),
    );
  });

  it("leaves the fix out when asked, and takes a given verdict", () => {
    expect(renderGithub(FINDINGS.slice(0, 1), { includeFix: false, verdict: "BLOCK" })).toBe(
      "::warning file=migrations/001_init.sql,line=2,col=1,title=require-concurrent-index::CREATE INDEX on users blocks writes to it for the whole build\nVerdict: BLOCK\n",
    );
  });

  it("renders only the verdict for no findings", () => {
    expect(renderGithub([])).toBe("Verdict: PASS\n");
  });

  it("escapes %, CR and LF in the message, and also : and , in properties", () => {
    const line = githubAnnotation({
      rule: "odd,rule:name",
      severity: "error",
      message: "100% broken:\r\nsee line 2, column 3",
      file: "db:main/a,b%.sql",
      line: 4,
      column: 5,
    });
    expect(line).toBe(
      "::error file=db%3Amain/a%2Cb%25.sql,line=4,col=5,title=odd%2Crule%3Aname::100%25 broken:%0D%0Asee line 2, column 3",
    );
    // One command, one line: nothing can end it early or start another.
    expect(line.split("\n")).toHaveLength(1);
  });

  it("gives no position without a file, and forward slashes in file paths", () => {
    expect(githubAnnotation({ rule: "plan-breaking", severity: "warning", message: "drops a column" })).toBe(
      "::warning title=plan-breaking::drops a column",
    );
    expect(githubAnnotation({ rule: "r", severity: "info", message: "m", file: "migrations\\001.sql", line: 1 })).toBe(
      "::notice file=migrations/001.sql,line=1,title=r::m",
    );
  });

  it("escapes % first, so an escape sequence already in the text survives", () => {
    expect(escapeData("%0A\n")).toBe("%250A%0A");
    expect(escapeProperty("%3A:")).toBe("%253A%3A");
  });
});
