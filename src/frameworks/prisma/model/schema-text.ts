/**
 * What the DMMF leaves out but Prisma Migrate uses, read from a schema Prisma has already
 * validated: `Unsupported("…")` fields (absent from the DMMF), `map:` names of foreign keys,
 * enums' `@@schema`, `view` blocks (Migrate leaves them alone), the datasource's `extensions`
 * and `relationMode`. Validity is Prisma's business; this only finds the pieces.
 */
import type { SchemaFile } from "./wasm.js";

export interface UnsupportedField {
  readonly name: string;
  readonly column: string;
  /** The database type, verbatim. */
  readonly type: string;
  readonly isList: boolean;
  readonly isRequired: boolean;
  /** A `dbgenerated("…")` default's expression. */
  readonly default?: string;
}

export interface Extension {
  readonly name: string;
  readonly schema?: string;
  readonly version?: string;
}

export interface SchemaText {
  /** Per model name. */
  readonly unsupported: ReadonlyMap<string, readonly UnsupportedField[]>;
  /** `model.field` → the `map:` of its `@relation`. */
  readonly foreignKeyNames: ReadonlyMap<string, string>;
  /** Enum name → its `@@schema`. */
  readonly enumSchemas: ReadonlyMap<string, string>;
  readonly views: ReadonlySet<string>;
  readonly extensions: readonly Extension[];
  /** `relationMode = "prisma"`: Prisma emulates relations and creates no foreign keys. */
  readonly emulatedRelations: boolean;
}

interface Block {
  readonly keyword: string;
  readonly name: string;
  /** Lines of the body, comments removed. */
  readonly lines: readonly string[];
}

export function readSchemaText(files: readonly SchemaFile[]): SchemaText {
  const unsupported = new Map<string, UnsupportedField[]>();
  const foreignKeyNames = new Map<string, string>();
  const enumSchemas = new Map<string, string>();
  const views = new Set<string>();
  let extensions: Extension[] = [];
  let emulatedRelations = false;
  for (const block of files.flatMap(([, text]) => blocks(text))) {
    if (block.keyword === "view") views.add(block.name);
    if (block.keyword === "enum") {
      const schema = block.lines.map((l) => /^@@schema\(\s*("(?:[^"\\]|\\.)*")\s*\)/.exec(l)).find(Boolean);
      if (schema) enumSchemas.set(block.name, unquote(schema[1]!));
    }
    if (block.keyword === "model") {
      for (const line of block.lines) {
        const field = fieldOf(line);
        if (field) unsupported.set(block.name, [...(unsupported.get(block.name) ?? []), field]);
        const fk = relationMap(line);
        if (fk) foreignKeyNames.set(`${block.name}.${fk.field}`, fk.map);
      }
    }
    if (block.keyword === "datasource") {
      const body = block.lines.join("\n");
      emulatedRelations = /\b(relationMode|referentialIntegrity)\s*=\s*"prisma"/.test(body);
      const list = /\bextensions\s*=\s*\[([^\]]*)\]/.exec(body);
      if (list) extensions = extensionsOf(list[1]!);
    }
  }
  return { unsupported, foreignKeyNames, enumSchemas, views, extensions, emulatedRelations };
}

/** Top-level blocks `keyword Name { … }`, string- and comment-aware. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split(/\r?\n/).map(stripComment);
  for (let i = 0; i < lines.length; i++) {
    const head = /^\s*(\w+)\s+(\w+)\s*\{\s*$/.exec(lines[i]!);
    if (!head) continue;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*\}\s*$/.test(lines[i]!); i++) body.push(lines[i]!.trim());
    out.push({ keyword: head[1]!, name: head[2]!, lines: body.filter(Boolean) });
  }
  return out;
}

function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString && c === "\\") i++;
    else if (c === '"') inString = !inString;
    else if (!inString && c === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

function unquote(literal: string): string {
  return JSON.parse(literal) as string;
}

function fieldOf(line: string): UnsupportedField | undefined {
  const m = /^(\w+)\s+Unsupported\(\s*("(?:[^"\\]|\\.)*")\s*\)(\[\]|\?)?(.*)$/.exec(line);
  if (!m) return undefined;
  const [, name, type, modifier, attributes] = m as unknown as [string, string, string, string | undefined, string];
  const map = /@map\(\s*("(?:[^"\\]|\\.)*")/.exec(attributes);
  const generated = /@default\(\s*dbgenerated\(\s*("(?:[^"\\]|\\.)*")\s*\)/.exec(attributes);
  return {
    name,
    column: map ? unquote(map[1]!) : name,
    type: unquote(type),
    isList: modifier === "[]",
    isRequired: modifier === undefined,
    ...(generated ? { default: unquote(generated[1]!) } : {}),
  };
}

/** The `map:` argument of a field's `@relation(…)`. */
function relationMap(line: string): { field: string; map: string } | undefined {
  const start = line.indexOf("@relation(");
  if (start < 0) return undefined;
  const map = /\bmap\s*:\s*("(?:[^"\\]|\\.)*")/.exec(line.slice(start));
  const field = /^(\w+)/.exec(line);
  return map && field ? { field: field[1]!, map: unquote(map[1]!) } : undefined;
}

/** `[pgcrypto, uuid_ossp(map: "uuid-ossp", schema: "extensions", version: "1.1")]`. */
function extensionsOf(list: string): Extension[] {
  const out: Extension[] = [];
  for (const m of list.matchAll(/(\w+)\s*(?:\(([^)]*)\))?/g)) {
    const args = m[2] ?? "";
    const arg = (key: string) => {
      const a = new RegExp(`\\b${key}\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`).exec(args);
      return a ? unquote(a[1]!) : undefined;
    };
    const schema = arg("schema");
    const version = arg("version");
    out.push({
      name: arg("map") ?? m[1]!,
      ...(schema ? { schema } : {}),
      ...(version ? { version } : {}),
    });
  }
  return out;
}
