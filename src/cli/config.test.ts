import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../util/errors.js";
import { loadConfig } from "./config.js";
import { keyLocation } from "./config-schema.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lockstep-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function loadError(files: Record<string, string>, explicit?: string): InputError {
  const dir = project(files);
  try {
    loadConfig(dir, explicit);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("expected an InputError");
}

const CONFIG = "lockstep.config.json";

describe("lockstep.config.json is validated", () => {
  it("accepts every documented key", () => {
    const config = {
      dialect: "postgres",
      postgresVersion: 15,
      lockTimeout: "3s",
      batchSize: 500,
      migrations: "db/migrations",
      rules: { "drop-column": "off", "prefer-text": "warning", "require-lock-timeout": "error", "ban-char": "info" },
      ignore: ["db/migrations/legacy/"],
    };
    expect(loadConfig(project({ [CONFIG]: JSON.stringify(config, null, 2) }))).toEqual(config);
  });

  it("a bad severity: the key path, its line and column, the allowed values", () => {
    const text = '{\n  "rules": {\n    "drop-column": "of"\n  }\n}\n';
    const err = loadError({ [CONFIG]: text });
    expect(err.reason).toBe('rules.drop-column: "of" is not allowed; allowed values: error, warning, info, off');
    expect([err.line, err.column]).toEqual([3, 5]);
    expect(err.file).toMatch(/lockstep\.config\.json$/);
  });

  it("an unknown rule, with the closest name and the registry's names", () => {
    const err = loadError({ [CONFIG]: '{ "rules": { "drop-colum": "error" } }' });
    expect(err.reason).toMatch(
      /^rules\.drop-colum: unknown rule "drop-colum" \(did you mean "drop-column"\?\); rules: .*\brequire-lock-timeout\b/,
    );
    expect([err.line, err.column]).toEqual([1, 14]);
  });

  it("an unknown key, with the allowed keys", () => {
    const err = loadError({ [CONFIG]: '{\n  "postgresVersion": 15,\n  "rule": {}\n}' });
    expect(err.reason).toBe(
      'rule: unknown key "rule" (did you mean "rules"?); allowed keys: dialect, postgresVersion, sqliteVersion, lockTimeout, batchSize, migrations, rules, ignore',
    );
    expect([err.line, err.column]).toEqual([3, 3]);
  });

  it.each([
    ['{ "postgresVersion": "15" }', 'postgresVersion: expected a whole number from 10, not "15"'],
    ['{ "batchSize": 0 }', "batchSize: expected a whole number from 1, not 0"],
    ['{ "sqliteVersion": 3.35 }', 'sqliteVersion: expected a SQLite 3 version such as "3.35", not 3.35'],
    ['{ "dialect": "mysql" }', 'dialect: "mysql" is not allowed; allowed values: postgres, postgresql, sqlite'],
    ['{ "ignore": "legacy/" }', 'ignore: expected a list of path prefixes, not "legacy/"'],
    ['{ "ignore": ["a/", 3] }', "ignore.1: expected a text, not 3"],
    ['{ "rules": ["drop-column"] }', 'rules: expected an object of rule names to severities, not ["drop-column"]'],
    ["[]", "(top level): expected an object, not []"],
  ])("%s is refused", (text, reason) => {
    expect(loadError({ [CONFIG]: text }).reason).toBe(reason);
  });

  it("package.json's lockstep key, with its path; a package.json without one is no configuration", () => {
    const err = loadError({ "package.json": '{ "name": "app", "lockstep": { "rules": { "drop-table": "warn" } } }' });
    expect(err.reason).toBe(
      'lockstep.rules.drop-table: "warn" is not allowed; allowed values: error, warning, info, off',
    );
    expect([err.line, err.column]).toEqual([1, 43]);
    expect(loadConfig(project({ "package.json": '{ "name": "app" }' }))).toEqual({});
  });

  it("--config FILE is validated the same way; bad JSON is located", () => {
    expect(loadError({ "ci.json": '{ "lockTimeout": 2 }' }, "ci.json").reason).toBe(
      "lockTimeout: expected a text, not 2",
    );
    const bad = loadError({ [CONFIG]: '{\n  "rules": {,}\n}' });
    expect(bad.reason).toMatch(/^invalid JSON/);
    expect(bad.line).toBe(2);
  });
});

describe("keyLocation", () => {
  it("finds a nested key after its parent, skipping the same name as a value", () => {
    const text = '{ "a": "rules", "rules": { "x": 1 } }';
    expect(keyLocation(text, ["rules", "x"])).toEqual({ line: 1, column: 28 });
    expect(keyLocation(text, ["rules"])).toEqual({ line: 1, column: 17 });
    expect(keyLocation(text, ["missing"])).toBeUndefined();
  });
});
