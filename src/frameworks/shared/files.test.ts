import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { naturalCompare, readSqlFile } from "./files.js";
import { inputError, tempFolders } from "./testing.js";

const { root } = tempFolders("lockstep-files-");

function file(name: string, content: string | Buffer): string {
  const p = path.join(root, name);
  fs.writeFileSync(p, content);
  return p;
}

describe("readSqlFile", () => {
  it("reads an empty file as empty text", () => {
    expect(readSqlFile(file("empty.sql", ""))).toBe("");
  });

  it("drops a UTF-8 BOM and keeps CRLF line endings", () => {
    const p = file(
      "bom.sql",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("SELECT 1;\r\nSELECT 2;\r\n")]),
    );
    expect(readSqlFile(p)).toBe("SELECT 1;\r\nSELECT 2;\r\n");
  });

  it("keeps non-ASCII UTF-8 text", () => {
    expect(readSqlFile(file("utf8.sql", "COMMENT ON TABLE t IS 'café ✓ 😀';\n"))).toContain("café ✓ 😀");
  });

  it("rejects a NUL byte as a binary file, with its line", () => {
    const p = file("bin.sql", Buffer.from("SELECT 1;\nSELECT 2;\n\u0000\u0001\u0002"));
    const err = inputError(() => readSqlFile(p));
    expect(err.message).toBe(`${p}:3: binary file (it holds a NUL byte)`);
    expect(err.file).toBe(p);
    expect(err.line).toBe(3);
  });

  it("rejects UTF-16 text as binary", () => {
    const p = file("utf16.sql", Buffer.from("\ufeffSELECT 1;", "utf16le"));
    expect(inputError(() => readSqlFile(p)).message).toMatch(/utf16\.sql:1: binary file \(UTF-16/);
  });

  it("rejects bytes that are not UTF-8, with the line", () => {
    const p = file(
      "latin1.sql",
      Buffer.concat([Buffer.from("SELECT 1;\n-- caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
    );
    const err = inputError(() => readSqlFile(p));
    expect(err.message).toBe(`${p}:2: not UTF-8 text`);
  });

  it("names a file that cannot be read", () => {
    const p = path.join(root, "missing.sql");
    expect(inputError(() => readSqlFile(p)).message).toMatch(/missing\.sql: cannot read the file/);
  });

  it("reads a file over 50 MB", () => {
    const line = "INSERT INTO t (a, b) VALUES (1, 'some text to fill the line');\n";
    const count = Math.ceil((51 * 1024 * 1024) / line.length);
    const p = file("big.sql", line.repeat(count));
    const text = readSqlFile(p);
    expect(text.length).toBe(line.length * count);
    expect(text.endsWith("'some text to fill the line');\n")).toBe(true);
    fs.rmSync(p);
  });
});

describe("naturalCompare", () => {
  it("orders numbers by value and the rest by code unit", () => {
    const names = ["10_c.sql", "2_b.sql", "1_a.sql", "002_x.sql", "b.sql", "a.sql", "20240101_y.sql"];
    expect([...names].sort(naturalCompare)).toEqual([
      "1_a.sql",
      "2_b.sql",
      "002_x.sql",
      "10_c.sql",
      "20240101_y.sql",
      "a.sql",
      "b.sql",
    ]);
  });
});
