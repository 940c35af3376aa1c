/**
 * The schema as the 6.x engine is given it.
 *
 * Prisma 7 moved the connection URL out of the schema (to prisma.config.ts), but the 6.x engine
 * still requires `url` in the datasource block. A block without one gets it on a line of its own
 * after the opening line; locations in Prisma's errors are moved back past it.
 *
 * `@ignore` and `@@ignore` hide a field or model from Prisma Client, and so from the DMMF, but
 * Prisma Migrate still creates them: for the DMMF they are blanked out (same length, so error
 * locations do not move).
 */
import type { SchemaFile } from "./wasm.js";

export interface Patched {
  readonly files: readonly SchemaFile[];
  readonly original: readonly SchemaFile[];
  /** Per file: the byte offset and 1-based line of the inserted line, and its length in bytes. */
  readonly inserted: ReadonlyMap<string, { readonly at: number; readonly length: number; readonly line: number }>;
}

const URL_LINE = '  url = env("LOCKSTEP_PRISMA_URL")\n';

export function engineInput(files: readonly SchemaFile[], options: { unignore?: boolean } = {}): Patched {
  const inserted = new Map<string, { at: number; length: number; line: number }>();
  const patched = files.map(([path, original]): SchemaFile => {
    const text = options.unignore ? original.replace(/@@?ignore\b/g, (m) => " ".repeat(m.length)) : original;
    const head = /^[ \t]*datasource[ \t]+\w+[ \t]*\{[ \t]*\r?\n/m.exec(text);
    if (!head) return [path, text];
    const at = head.index + head[0].length;
    const close = text.indexOf("}", at);
    if (/^[ \t]*url[ \t]*=/m.test(text.slice(at, close < 0 ? undefined : close))) return [path, text];
    const before = text.slice(0, at);
    inserted.set(path, {
      at: Buffer.byteLength(before),
      length: Buffer.byteLength(URL_LINE),
      line: before.split("\n").length,
    });
    return [path, before + URL_LINE + text.slice(at)];
  });
  return { files: patched, original: files, inserted };
}

/** A byte offset in the patched file, as an offset in the file the user wrote. */
export function originalOffset(patched: Patched, file: string, offset: number): number {
  const shift = patched.inserted.get(file);
  return !shift || offset < shift.at ? offset : Math.max(shift.at, offset - shift.length);
}

/** A line of the patched file, as a line of the file the user wrote. */
export function originalLine(patched: Patched, file: string, line: number): number {
  const shift = patched.inserted.get(file);
  return shift && line > shift.line ? line - 1 : line;
}
