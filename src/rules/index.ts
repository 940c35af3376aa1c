import type { Rule } from "../lint/rule.js";
import { requireConcurrentIndex } from "./require-concurrent-index.js";

/** Every rule, by name: a plain map. */
export const RULES: readonly Rule[] = [requireConcurrentIndex];

export function ruleByName(name: string): Rule | undefined {
  return RULES.find((r) => r.meta.name === name);
}
