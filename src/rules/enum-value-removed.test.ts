import { describe, expect, it } from "vitest";
import { at, lintSql, testSchema, testTable } from "../lint/testing.js";
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
});
