import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initParser, SqlSyntaxError } from "../parse.js";
import { introspect } from "../introspect.js";
import { PgliteEngine, shutdownPglite } from "../engines/pglite.js";
import { lintSections } from "../../../lint/run.js";
import type { Schema } from "../../../schema/model.js";
import { executeSql } from "../../../sources/execute.js";
import { postgres } from "../index.js";

/**
 * The shared postgres-lint conformance cases, run through lintSections with schema.sql (built on
 * PGlite and introspected) as `--schema`, migration.sql as one transactional section. The CLI and
 * its exit codes are tested elsewhere; here: each expected finding at its line, no `absent` rule.
 */
const ROOT = resolve(import.meta.dirname, "../../../../../shared/conformance/postgres-lint");
const present = existsSync(ROOT);
if (!present) console.log(`conformance cases not found at ${ROOT}: skipped`);

interface Expect {
  findings: { rule: string; line: number }[];
  absent: string[];
  options?: { expectExit?: number };
}

const cases = present ? readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, "expect.json"))) : [];
const schemas = new Map<string, Schema>();

describe.skipIf(!present)("postgres-lint conformance through lintSections", () => {
  beforeAll(async () => {
    await initParser();
    const engine = new PgliteEngine({ cacheDir: join(tmpdir(), "lockstep-test-cache") });
    for (const c of cases) {
      const schemaSql = readFileSync(join(ROOT, c, "schema.sql"), "utf8");
      const db = await engine.fresh();
      await executeSql(db, schemaSql, { file: "schema.sql" }, false, postgres);
      schemas.set(c, await introspect(db));
    }
  }, 120_000);
  afterAll(() => shutdownPglite());

  it.each(cases)("%s", (c) => {
    const expected = JSON.parse(readFileSync(join(ROOT, c, "expect.json"), "utf8")) as Expect;
    const text = readFileSync(join(ROOT, c, "migration.sql"), "utf8");
    const lint = () =>
      lintSections([{ text, file: "migration.sql", startLine: 1, transactional: true }], {
        dialect: postgres,
        schema: schemas.get(c),
      });
    if (expected.options?.expectExit === 2) {
      expect(lint).toThrow(SqlSyntaxError);
      try {
        lint();
      } catch (err) {
        expect((err as SqlSyntaxError).line).toBe(1);
      }
      return;
    }
    const found = lint().map((f) => `${f.rule}@${f.line}`);
    for (const f of expected.findings) expect(found).toContain(`${f.rule}@${f.line}`);
    for (const rule of expected.absent) expect(found.filter((f) => f.startsWith(`${rule}@`))).toEqual([]);
  });
});
