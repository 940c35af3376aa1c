import { parseSync } from "libpg-query";
import type { Index } from "../../schema/model.js";
import { assertParserLoaded } from "./parse.js";

/**
 * Facts about SQL expressions as the catalog prints them (defaults, checks), read from the parse
 * tree rather than the text. The parser must be loaded (`initParser`).
 */

const cache = new Map<string, string[]>();

/** Names of the functions an expression calls (unqualified, lower case). */
export function functionNames(expr: string): string[] {
  let names = cache.get(expr);
  if (names) return names;
  names = [];
  try {
    collect(parseSync(`SELECT ${expr}`), names);
  } catch {
    // Not an expression the parser takes alone: no names, so nothing is called volatile by guess.
    assertParserLoaded();
  }
  cache.set(expr, names);
  return names;
}

function collect(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, out);
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "FuncCall") {
      const parts = (value as { funcname?: { String?: { sval?: string } }[] }).funcname ?? [];
      const last = parts[parts.length - 1]?.String?.sval;
      if (last) out.push(last.toLowerCase());
    }
    collect(value, out);
  }
}

const refCache = new Map<string, string[]>();

/** Column names an expression refers to (the last part of each column reference). */
export function columnRefs(expr: string): string[] {
  let refs = refCache.get(expr);
  if (refs) return refs;
  refs = [];
  try {
    collectRefs(parseSync(`SELECT ${expr}`), refs);
  } catch {
    // Unparseable alone: no references known (unless the parser was not loaded at all).
    assertParserLoaded();
  }
  refCache.set(expr, refs);
  return refs;
}

function collectRefs(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectRefs(n, out);
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "ColumnRef") {
      const fields = (value as { fields?: { String?: { sval?: string } }[] }).fields ?? [];
      const last = fields[fields.length - 1]?.String?.sval;
      if (last) out.push(last);
    }
    collectRefs(value, out);
  }
}

/** The columns an index reads: its keys' and its predicate's. */
export function indexColumns(index: Index): string[] {
  return [...index.keys, ...(index.predicate ? [index.predicate] : [])].flatMap(columnRefs);
}
