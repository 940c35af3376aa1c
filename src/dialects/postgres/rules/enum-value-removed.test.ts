import { describe, expect, it } from "vitest";
import { at, lintSql, testSchema, testTable } from "../../../lint/testing.js";
import { enumValueRemoved } from "./enum-value-removed.js";

const rules = [enumValueRemoved];

describe("enum-value-removed", () => {
  it.each([["ALTER TYPE mood ADD VALUE 'happy';"], ["DROP TYPE unused_enum;"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([["ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';", ["enum-value-removed@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      const findings = await lintSql(sql, rules);
      expect(at(findings)).toEqual(expected);
      expect(findings[0]!.message.length).toBeGreaterThan(10);
      expect(findings[0]!.fix).toBeTruthy();
    },
  );

  it("reports DROP TYPE of an enum a column uses, when the schema says so", async () => {
    const schema = testSchema(
      [testTable("users", { id: "bigint", mood: "mood" })],
      [{ schema: "public", name: "mood", values: ["sad", "ok"] }],
    );
    expect(at(await lintSql("DROP TYPE mood;", rules, { schema }))).toEqual(["enum-value-removed@1"]);
    expect(at(await lintSql("DROP TYPE other;", rules, { schema }))).toEqual([]);
  });

  it("leaves out columns the migration dropped, swapped out or moved to another type before the DROP TYPE", async () => {
    const schema = testSchema(
      [testTable("users", { id: "bigint", mood: "mood", moods: "mood[]" })],
      [{ schema: "public", name: "mood", values: ["sad", "ok"] }],
    );
    const lint = async (sql: string) => at(await lintSql(sql, rules, { schema }));
    expect(await lint("ALTER TABLE users DROP COLUMN mood, DROP COLUMN moods;\nDROP TYPE mood;")).toEqual([]);
    expect(await lint("DROP TABLE users;\nDROP TYPE mood;")).toEqual([]);
    expect(
      await lint(
        "ALTER TABLE users ALTER COLUMN moods TYPE text[];\nALTER TABLE users RENAME mood TO mood_old;\nALTER TABLE users RENAME mood_new TO mood;\nALTER TABLE users DROP COLUMN mood_old;\nDROP TYPE mood;",
      ),
    ).toEqual([]);
    // One of the two columns still holds values of the type.
    expect(await lint("ALTER TABLE users DROP COLUMN moods;\nDROP TYPE mood;")).toEqual(["enum-value-removed@2"]);
    expect(
      await lint("ALTER TABLE users RENAME mood TO feeling;\nALTER TABLE users DROP COLUMN moods;\nDROP TYPE mood;"),
    ).toEqual(["enum-value-removed@3"]);
  });
});
