import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { InputError } from "../util/errors.js";
import { lineColumn, validateConfig } from "./config-schema.js";

/** `lockstep.config.json`, or the `lockstep` key of package.json (DESIGN.md §5). */
export interface Config {
  readonly dialect?: string;
  readonly postgresVersion?: number;
  /** With the sqlite dialect: the oldest SQLite the migrations must run on (`"3.35"`). */
  readonly sqliteVersion?: string;
  readonly lockTimeout?: string;
  readonly batchSize?: number;
  readonly migrations?: string;
  /** Rule severities: `{ "require-lock-timeout": "error", "prefer-text": "warning", "drop-column": "off" }`. */
  readonly rules?: Readonly<Record<string, "error" | "warning" | "info" | "off">>;
  /** Paths (prefixes) the linter skips. */
  readonly ignore?: readonly string[];
}

/** Reads and validates the configuration (config-schema.ts): a bad key or value is exit 2, never ignored. */
export function loadConfig(cwd: string, explicit?: string): Config {
  const whole = (json: unknown, file: string, text: string) => {
    validateConfig(json, file, text);
    return json as Config;
  };
  if (explicit) return parse(resolve(cwd, explicit), whole);
  const file = join(cwd, "lockstep.config.json");
  if (existsSync(file)) return parse(file, whole);
  const pkg = join(cwd, "package.json");
  if (existsSync(pkg))
    return parse(pkg, (json, file, text) => {
      const config = (json as { lockstep?: unknown } | null)?.lockstep;
      if (config === undefined) return {};
      validateConfig(config, file, text, ["lockstep"]);
      return config as Config;
    });
  return {};
}

function parse(path: string, pick: (json: unknown, file: string, text: string) => Config): Config {
  // Named from the current folder, as every path Lockstep prints.
  const file = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError("cannot read the configuration file", file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const at = m ? lineColumn(text, Number(m[1])) : { line: 1, column: 1 };
    throw new InputError(`invalid JSON: ${(err as Error).message}`, file, at.line, at.column);
  }
  return pick(json, file, text);
}
