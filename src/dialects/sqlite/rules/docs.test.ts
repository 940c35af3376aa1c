import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect } from "vitest";
import { describeRuleRegistry } from "../../../lint/testing.js";
import { RULES, ruleByName } from "./index.js";

const README = resolve(import.meta.dirname, "../../../../README.md");

describeRuleRegistry("SQLite rule registry and docs", RULES, import.meta.dirname, (rule) => {
  expect(ruleByName(rule.meta.name)).toBe(rule);
  expect(readFileSync(README, "utf8")).toContain(`\`${rule.meta.name}\``);
});
