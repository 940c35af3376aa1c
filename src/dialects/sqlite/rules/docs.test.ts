import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, ruleByName } from "./index.js";

const README = resolve(import.meta.dirname, "../../../../README.md");

describe("SQLite rule registry and docs", () => {
  it("registers every rule once", () => {
    const names = RULES.map((r) => r.meta.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(ruleByName(name)?.meta.name).toBe(name);
  });

  it.each(RULES.map((r) => [r.meta.name, r] as const))(
    "%s: own file, tests, description and docs, in the README",
    (name, rule) => {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(existsSync(resolve(import.meta.dirname, `${name}.ts`))).toBe(true);
      expect(existsSync(resolve(import.meta.dirname, `${name}.test.ts`))).toBe(true);
      expect(readFileSync(resolve(import.meta.dirname, `${name}.ts`), "utf8")).toContain(`name: "${name}"`);
      expect(rule.meta.description.trim().length).toBeGreaterThan(5);
      expect(rule.meta.docs.trim().length).toBeGreaterThan(40);
      expect(readFileSync(README, "utf8")).toContain(`\`${name}\``);
    },
  );
});
