/**
 * The schema of `lockstep.config.json` (and package.json's `lockstep` key): every key Lockstep
 * reads, with the values it accepts. A key it does not know, a rule the registry does not have, a
 * severity that is not one (`"of"`) is an input error naming the file, the key path, the allowed
 * values and where the key stands: a typo is never silently ignored.
 */
import { allRuleNames } from "./render-findings.js";
import { InputError } from "../util/errors.js";

export const SEVERITIES = ["error", "warning", "info", "off"] as const;
const DIALECTS = ["postgres", "postgresql", "sqlite"];

type Problem = string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const wholeNumber =
  (min: number) =>
  (v: unknown): Problem =>
    Number.isInteger(v) && (v as number) >= min ? undefined : `expected a whole number from ${min}, not ${show(v)}`;
const string = (v: unknown): Problem =>
  typeof v === "string" && v !== "" ? undefined : `expected a text, not ${show(v)}`;
const oneOf =
  (allowed: readonly string[]) =>
  (v: unknown): Problem =>
    typeof v === "string" && allowed.includes(v)
      ? undefined
      : `${show(v)} is not allowed; allowed values: ${allowed.join(", ")}`;

/** The top-level keys, what each accepts. `rules` and `ignore` are checked key by key below. */
const KEYS: Readonly<Record<string, (v: unknown) => Problem>> = {
  dialect: oneOf(DIALECTS),
  postgresVersion: wholeNumber(10),
  sqliteVersion: (v) =>
    typeof v === "string" && /^3\.\d+(\.\d+)?$/.test(v)
      ? undefined
      : `expected a SQLite 3 version such as "3.35", not ${show(v)}`,
  lockTimeout: string,
  batchSize: wholeNumber(1),
  migrations: string,
  rules: (v) => (isObject(v) ? undefined : `expected an object of rule names to severities, not ${show(v)}`),
  ignore: (v) => (Array.isArray(v) ? undefined : `expected a list of path prefixes, not ${show(v)}`),
};

function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Validates the configuration object `value` read from `file` (`text` is the file's text, to
 * place the key; `prefix` is `lockstep` for package.json). Throws InputError on the first problem.
 */
export function validateConfig(value: unknown, file: string, text: string, prefix: readonly string[] = []): void {
  const fail = (path: readonly string[], problem: string): never => {
    const at = keyLocation(text, [...prefix, ...path]);
    throw new InputError(`${[...prefix, ...path].join(".") || "(top level)"}: ${problem}`, file, at?.line, at?.column);
  };
  if (!isObject(value)) fail([], `expected an object, not ${show(value)}`);
  const config = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(config)) {
    const check = KEYS[key];
    if (!check)
      fail([key], `unknown key${suggest(key, Object.keys(KEYS))}; allowed keys: ${Object.keys(KEYS).join(", ")}`);
    const problem = check!(v);
    if (problem) fail([key], problem);
  }
  const names = allRuleNames();
  for (const [rule, severity] of Object.entries((config.rules ?? {}) as Record<string, unknown>)) {
    if (!names.includes(rule)) fail(["rules", rule], `unknown rule${suggest(rule, names)}; rules: ${names.join(", ")}`);
    const problem = oneOf(SEVERITIES)(severity);
    if (problem) fail(["rules", rule], problem);
  }
  ((config.ignore ?? []) as unknown[]).forEach((p, i) => {
    const problem = string(p);
    if (problem) fail(["ignore", String(i)], problem);
  });
}

/** ` (did you mean "x"?)` for the closest name within two edits, else nothing. */
function suggest(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let distance = 3;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < distance) [best, distance] = [k, d];
  }
  return best ? ` "${name}" (did you mean "${best}"?)` : ` "${name}"`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * Line and column (1-based) of the key at `path` in the JSON text: each segment's quoted name
 * followed by a colon, searched after its parent's. Array indexes are not keys: the search stops
 * at the enclosing key. Undefined when the text does not show it plainly (escaped names).
 */
export function keyLocation(text: string, path: readonly string[]): { line: number; column: number } | undefined {
  let from = 0;
  let found: number | undefined;
  for (const segment of path) {
    if (/^\d+$/.test(segment)) break;
    const quoted = JSON.stringify(segment);
    let at = text.indexOf(quoted, from);
    while (at >= 0 && !/^\s*:/.test(text.slice(at + quoted.length, at + quoted.length + 20)))
      at = text.indexOf(quoted, at + 1);
    if (at < 0) return found === undefined ? undefined : lineColumn(text, found);
    found = at;
    from = at + quoted.length;
  }
  return found === undefined ? undefined : lineColumn(text, found);
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
