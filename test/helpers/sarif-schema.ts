import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { expect } from "vitest";

// The SARIF 2.1.0 schema (final, rtm.5) as vendored by Microsoft's @microsoft/jest-sarif.
const require = createRequire(import.meta.url);
const schemaPath = path.join(
  path.dirname(require.resolve("@microsoft/jest-sarif/package.json")),
  "lib/schemas/sarif-2.1.0-rtm.5.json",
);
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as Record<string, unknown>;
// unicodeRegExp: false because the schema's `language` pattern is not valid with the u flag.
// CommonJS packages: their classes are on `.default` (they set module.exports.default to themselves).
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** True when `log` (parsed) is valid SARIF 2.1.0. */
export function isValidSarif(log: unknown): boolean {
  return validate(log) === true;
}

/** Asserts that `text` is a SARIF 2.1.0 log valid against the official schema. */
export function expectValidSarif(text: string): void {
  const ok = validate(JSON.parse(text));
  expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
  expect(ok).toBe(true);
}
