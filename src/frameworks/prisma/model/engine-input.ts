/**
 * The schema as the 6.x engine is given it.
 *
 * Prisma 7 moved the connection URL out of the schema (to prisma.config.ts), but the 6.x engine
 * still requires `url` in the datasource block. A block without one gets it on a line of its own
 * after the opening line; locations in Prisma's errors are moved back past it.
 *
 * The lenient input blanks out (same length, so locations do not move) what Migrate does not
 * need and the engine may reject or hide: `@ignore` and `@@ignore` (they hide a field or model from
 * Prisma Client, and so from the DMMF, but Migrate creates them), `view` blocks (Migrate leaves
 * views alone; older Prisma versions accepted views this one rejects), and the datasource's
 * `directUrl` / `shadowDatabaseUrl` (checked against each other, of no use here).
 */
import type { SchemaFile } from "./wasm.js";

export interface Patched {
  readonly files: readonly SchemaFile[];
  readonly original: readonly SchemaFile[];
  /** Per file: the byte offset and 1-based line of the inserted line, and its length in bytes. */
  readonly inserted: ReadonlyMap<string, { readonly at: number; readonly length: number; readonly line: number }>;
}

const URL_LINE = '  url = env("LOCKSTEP_PRISMA_URL")\n';

export function engineInput(files: readonly SchemaFile[], options: { lenient?: boolean } = {}): Patched {
  const inserted = new Map<string, { at: number; length: number; line: number }>();
  const patched = files.map(([path, original]): SchemaFile => {
    const text = options.lenient ? lenient(original) : original;
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

const blank = (text: string) => text.replace(/[^\n]/g, " ");

function lenient(text: string): string {
  return text
    .replace(/@@?ignore\b/g, blank)
    .replace(/^[ \t]*view[ \t]+\w+[ \t]*\{[^]*?^[ \t]*\}/gm, blank)
    .replace(/^[ \t]*(directUrl|shadowDatabaseUrl)[ \t]*=.*$/gm, blank);
}
