import { beforeAll, describe, expect, it } from "vitest";
import { initParser, parseSql, SqlSyntaxError } from "../../src/dialects/postgres/parse.js";

beforeAll(initParser);

describe("parseSql: statements split by the real parser, located past comments", () => {
  it("locates each statement at its first token", () => {
    const sql =
      "-- header\n/* block\n   comment */\nCREATE TABLE a (id int);\n\n  ALTER TABLE a ADD COLUMN b int;\nSELECT 1";
    expect(parseSql(sql).map((s) => [s.kind, s.line, s.column, s.sql])).toEqual([
      ["CreateStmt", 4, 1, "CREATE TABLE a (id int)"],
      ["AlterTableStmt", 6, 3, "ALTER TABLE a ADD COLUMN b int"],
      ["SelectStmt", 7, 1, "SELECT 1"],
    ]);
  });

  it("counts characters, not UTF-8 bytes, after non-ASCII text", () => {
    const sql = "COMMENT ON TABLE a IS 'café ☕';\nSELECT 'ü';";
    const [, second] = parseSql(sql);
    expect([second!.line, second!.column, second!.sql]).toEqual([2, 1, "SELECT 'ü'"]);
  });

  it("keeps dollar-quoted bodies whole", () => {
    const stmts = parseSql(
      "DO $$ BEGIN PERFORM 1; END $$;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $f$ SELECT 1; $f$;",
    );
    expect(stmts.map((s) => s.kind)).toEqual(["DoStmt", "CreateFunctionStmt"]);
  });

  it("offsets lines for a section that starts further down its file", () => {
    expect(parseSql("\nSELECT 1;", { file: "m.sql", startLine: 10 })[0]).toMatchObject({ line: 11, column: 1 });
  });

  it("an empty text or only comments has no statements", () => {
    expect(parseSql("")).toEqual([]);
    expect(parseSql("-- nothing\n/* here */\n")).toEqual([]);
  });

  it("a syntax error names file, line and column", () => {
    expect(() => parseSql("SELECT 1;\n\nALTER TABLE users ADD COLUMN ;", { file: "m.sql" })).toThrowError(
      new SqlSyntaxError('syntax error at or near ";"', "m.sql", 3, 30),
    );
    try {
      parseSql("SELECT 1;\nCREATE TABLE (", { file: "x.sql", startLine: 5 });
    } catch (err) {
      expect(err).toBeInstanceOf(SqlSyntaxError);
      expect((err as SqlSyntaxError).line).toBe(6);
    }
  });
});
