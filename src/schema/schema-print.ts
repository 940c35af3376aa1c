import { createHash } from "node:crypto";
import { displayName, type Schema, type Table } from "./model.js";

/**
 * A print of a schema as the engine reads it back: one hash for the whole, and one per object
 * (`table users`, `enum mood`, `sequence ids`, `namespaces`, `extensions`), so that two prints
 * that differ can name what differs. Kept in `.lockstep/pending/` to tell, before writing the next
 * deploy, that the migrations folder still builds the schema the plan was made for.
 */
export interface SchemaPrint {
  readonly hash: string;
  readonly objects: Readonly<Record<string, string>>;
}

export function schemaPrint(schema: Schema): SchemaPrint {
  const objects: Record<string, string> = {
    namespaces: digest([...schema.namespaces].sort()),
    extensions: digest([...schema.extensions].sort()),
  };
  for (const e of schema.enums) objects[`enum ${displayName(e)}`] = digest(e);
  for (const s of schema.sequences) objects[`sequence ${displayName(s)}`] = digest(s);
  for (const t of schema.tables) objects[`table ${displayName(t)}`] = digest(unordered(t));
  const sorted = Object.fromEntries(Object.entries(objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { hash: digest(sorted), objects: sorted };
}

/** What differs between the print expected and the one found: `table users changed`, one line each. */
export function printDifferences(expected: SchemaPrint, found: SchemaPrint): string[] {
  if (expected.hash === found.hash) return [];
  const out: string[] = [];
  for (const [name, hash] of Object.entries(expected.objects)) {
    const other = found.objects[name];
    if (other === undefined) out.push(`${name} is gone`);
    else if (other !== hash) out.push(`${name} changed`);
  }
  for (const name of Object.keys(found.objects)) if (!(name in expected.objects)) out.push(`${name} is new`);
  return out.length ? out : ["the schema changed"];
}

/**
 * A table with its columns, constraints and indexes sorted by name: a down that re-adds a column
 * puts it last, which is the same schema to Lockstep's comparison (and to the application).
 */
function unordered(t: Table): Table {
  const byName = <T extends { readonly name: string }>(xs: readonly T[]) =>
    [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    ...t,
    columns: byName(t.columns),
    uniques: byName(t.uniques),
    foreignKeys: byName(t.foreignKeys),
    checks: byName(t.checks),
    exclusions: byName(t.exclusions),
    indexes: byName(t.indexes),
  };
}

/** SHA-256 of JSON with object keys sorted, so that key order never changes a print. */
function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value, sortedKeys)).digest("hex");
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
