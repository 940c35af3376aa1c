import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../util/errors.js";

/** `lockstep.config.json`, or the `lockstep` key of package.json (DESIGN.md §5). */
export interface Config {
  readonly dialect?: string;
  readonly postgresVersion?: number;
  readonly lockTimeout?: string;
  readonly batchSize?: number;
  readonly migrations?: string;
  /** Rule severities: `{ "require-lock-timeout": "error", "prefer-text": "warning", "drop-column": "off" }`. */
  readonly rules?: Readonly<Record<string, "error" | "warning" | "info" | "off">>;
  /** Paths (prefixes) the linter skips. */
  readonly ignore?: readonly string[];
}

export function loadConfig(cwd: string, explicit?: string): Config {
  if (explicit) return parse(resolve(cwd, explicit), (j) => j as Config);
  const file = join(cwd, "lockstep.config.json");
  if (existsSync(file)) return parse(file, (j) => j as Config);
  const pkg = join(cwd, "package.json");
  if (existsSync(pkg)) return parse(pkg, (j) => (j as { lockstep?: Config }).lockstep ?? {});
  return {};
}

function parse(file: string, pick: (json: unknown) => Config): Config {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new InputError("cannot read the configuration file", file);
  }
  try {
    const config = pick(JSON.parse(text));
    if (config.postgresVersion !== undefined && !Number.isInteger(config.postgresVersion))
      throw new InputError("postgresVersion must be a whole number", file);
    return config;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const m = /position (\d+)/.exec((err as Error).message);
    const at = m ? lineColumn(text, Number(m[1])) : { line: 1, column: 1 };
    throw new InputError(`invalid JSON: ${(err as Error).message}`, file, at.line, at.column);
  }
}

function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
