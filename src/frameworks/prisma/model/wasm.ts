/**
 * Prisma's own schema engine (`@prisma/prisma-schema-wasm`, the 6.x build: 7.x rejects
 * `url = env(…)`): it validates a schema as `prisma validate` does and hands back the DMMF and
 * the datasource configuration. A schema it rejects becomes an InputError at Prisma's own span.
 */
import { createRequire } from "node:module";
import { InputError } from "../../../util/errors.js";
import { originalLine, originalOffset, type Patched, engineInput } from "./engine-input.js";
import type { Dmmf } from "./dmmf.js";

/** A schema file: the path as messages name it, and its text. */
export type SchemaFile = readonly [path: string, text: string];

interface PrismaSchemaWasm {
  get_dmmf(params: string): string;
  get_config(params: string): string;
  lint(input: string): string;
}

export interface Datasource {
  readonly provider: string;
  readonly schemas: readonly string[];
  readonly sourceFilePath: string;
}

export interface PrismaConfig {
  readonly datasources: readonly Datasource[];
  readonly previewFeatures: readonly string[];
}

let wasm: PrismaSchemaWasm | undefined;

function engine(): PrismaSchemaWasm {
  if (!wasm) {
    // The module reports a panic through this global before it throws; without it the panic is lost.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message() {} };
    wasm = createRequire(import.meta.url)("@prisma/prisma-schema-wasm") as PrismaSchemaWasm;
  }
  return wasm;
}

/** The DMMF of a valid schema; an InputError at Prisma's first error otherwise. */
export function readDmmf(files: readonly SchemaFile[]): Dmmf {
  const raw = leniently(files, (input) => engine().get_dmmf(JSON.stringify({ prismaSchema: input.files })));
  return (JSON.parse(raw) as { datamodel: Dmmf }).datamodel;
}

/** Datasources and generator preview features, without resolving `env(…)`. */
export function readConfig(files: readonly SchemaFile[]): PrismaConfig {
  const raw = leniently(files, (input) =>
    engine().get_config(
      JSON.stringify({ prismaSchema: input.files, datasourceOverrides: {}, ignoreEnvVarErrors: true, env: {} }),
    ),
  );
  const { config } = JSON.parse(raw) as {
    config: { datasources: Datasource[]; generators: { previewFeatures: string[] }[] };
  };
  return { datasources: config.datasources, previewFeatures: config.generators.flatMap((g) => g.previewFeatures) };
}

/**
 * The engine's answer for the lenient input (see engine-input.ts); where that fails (a relation
 * to a view, a model valid only while ignored), for the schema as written, or its error there.
 */
function leniently(files: readonly SchemaFile[], body: (input: Patched) => string): string {
  try {
    return body(engineInput(files, { lenient: true }));
  } catch {
    const asGiven = engineInput(files);
    try {
      return body(asGiven);
    } catch (err) {
      throw schemaError(asGiven, err);
    }
  }
}

interface Diagnostic {
  readonly file_name: string;
  readonly start: number;
  readonly text: string;
  readonly is_warning: boolean;
}

/** Prisma's first error, located by the span its linter gives (a byte offset) as line and column. */
function schemaError(patched: Patched, err: unknown): InputError {
  const errors = (JSON.parse(engine().lint(JSON.stringify(patched.files))) as Diagnostic[]).filter(
    (d) => !d.is_warning,
  );
  const first = errors[0];
  if (first) {
    const text = patched.original.find(([path]) => path === first.file_name)?.[1] ?? "";
    const { line, column } = lineColumn(text, originalOffset(patched, first.file_name, first.start));
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    return new InputError(`invalid Prisma schema: ${first.text}${more}`, first.file_name, line, column);
  }
  return fromEngineMessage(err, patched);
}

/** The engine's own message (ANSI colours removed), located at the `--> file:line` it names. */
function fromEngineMessage(err: unknown, patched: Patched): InputError {
  let message = String((err as Error)?.message ?? err);
  try {
    message = (JSON.parse(message) as { message: string }).message;
  } catch {
    // Not the JSON envelope: keep the text as it is.
  }
  message = message.replace(/\u001b\[[0-9;]*m/g, "");
  const at = /-->\s+(.+?):(\d+)/.exec(message);
  const reason = /error: (.*)/.exec(message)?.[1] ?? message.split("\n")[0]!;
  if (!at) return new InputError(`invalid Prisma schema: ${reason}`);
  return new InputError(`invalid Prisma schema: ${reason}`, at[1], originalLine(patched, at[1]!, Number(at[2])));
}

/** 1-based line and column of a UTF-8 byte offset. */
export function lineColumn(text: string, byteOffset: number): { line: number; column: number } {
  const before = Buffer.from(text, "utf8").subarray(0, byteOffset).toString("utf8");
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
