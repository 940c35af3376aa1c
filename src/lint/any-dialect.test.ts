import { describe, expect, it } from "vitest";
import type { Dialect } from "../dialects/dialect.js";
import type { Table } from "../schema/model.js";
import type { SqlStatement } from "../schema/statement.js";
import type { LintSession, Rule } from "./rule.js";
import { lintSections } from "./run.js";

/**
 * The runner asks the dialect and nothing else: a toy dialect (one statement a line, its kind the
 * first word, `make NAME` creates a table) gets transaction blocks, new tables, suppressions and
 * confirmations as PostgreSQL does.
 */
const session: LintSession = {
  startMigration() {},
  lockTimeoutSet: false,
  notValidInTransaction: new Set(),
  notNullChecked: () => false,
  after() {},
  endBlock() {},
};

function split(text: string, origin: { startLine?: number } = {}): SqlStatement[] {
  return text.split("\n").flatMap((line, i) => {
    const sql = line.replace(/;\s*$/, "").trim();
    if (!sql || sql.startsWith("--")) return [];
    const kind = sql.split(" ")[0]!;
    return [{ sql, kind, ast: { [kind]: sql }, line: (origin.startLine ?? 1) + i, column: 1 }];
  });
}

const toy = {
  name: "toy",
  ready: async () => {},
  split,
  isBlank: (text: string) => split(text).length === 0,
  tableKey: (name: string) => name.toLowerCase(),
  transactionControl: (s: SqlStatement) => (s.kind === "open" ? "begin" : s.kind === "close" ? "end" : undefined),
  rules: [],
  applyToTables: (s: SqlStatement, tables: Map<string, Table>) => {
    const name = s.sql.split(" ")[1];
    if (s.kind === "make" && name) tables.set(name.toLowerCase(), { name } as Table);
  },
  createdRelations: (s: SqlStatement) => (s.kind === "make" ? [s.sql.split(" ")[1]!] : []),
  lintSession: () => session,
} as unknown as Dialect;

const seen: Rule = {
  meta: { name: "seen", severity: "error", description: "reports what it sees", docs: "test" },
  kinds: ["use"],
  check: (stmt, ctx) =>
    ctx.report({
      message: `${stmt.inTransaction ? "in" : "out"} ${ctx.isExisting("T") ? "existing" : "new"}`,
      object: "t",
    }),
};

describe("lintSections on another dialect", () => {
  it("asks the dialect to split, place blocks, know new tables; markers work the same", () => {
    const text = [
      "use t;",
      "make T;",
      "open;",
      "-- lockstep-confirm seen t: on purpose",
      "use t;",
      "close;",
      "-- lockstep-ignore seen: not this one",
      "use t;",
    ].join("\n");
    const findings = lintSections([{ text, file: "m.sql", startLine: 1, transactional: false }], {
      dialect: toy,
      rules: [seen],
    });
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.message.split(" (")[0]}`)).toEqual([
      "1 error out existing",
      "5 info in new",
    ]);
  });
});
