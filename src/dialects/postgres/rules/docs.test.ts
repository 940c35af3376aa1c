import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeRuleRegistry } from "../../../lint/testing.js";
import { RULES, ruleByName } from "./index.js";

const CATALOG = resolve(import.meta.dirname, "../../../../../shared/RULES.md");
/** Rules of the catalog that belong to `verify`, not to the linter. */
const NOT_LINT = new Set(["missing-down", "lossy-down"]);

describeRuleRegistry("rule registry and docs", RULES, import.meta.dirname, (rule) => {
  expect(ruleByName(rule.meta.name)).toBe(rule);
});

describe("the catalog", () => {
  const present = existsSync(CATALOG);
  if (!present) console.log(`${CATALOG} not found: catalog coverage skipped`);

  it.skipIf(!present)("registers every PostgreSQL rule of RULES.md, with its severity", () => {
    const text = readFileSync(CATALOG, "utf8");
    const section = text.slice(text.indexOf("## PostgreSQL"), text.indexOf("\n## ", text.indexOf("## PostgreSQL") + 3));
    const rows = section.split("\n").filter((l) => l.startsWith("| `"));
    const expected = rows.flatMap((row) => {
      const [names, severity] = row.split("|").slice(1, 3);
      return [...names!.matchAll(/`([a-z0-9-]+)`/g)].map((m) => ({ name: m[1]!, severity: severity!.trim() }));
    });
    expect(expected.length).toBeGreaterThan(30);
    for (const { name, severity } of expected) {
      if (NOT_LINT.has(name)) continue;
      const rule = ruleByName(name);
      expect(rule, name).toBeDefined();
      const want = severity.startsWith("off") ? "off" : severity;
      expect(rule!.meta.severity, name).toBe(want);
    }
  });
});
