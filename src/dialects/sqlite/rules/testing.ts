/** Test helpers for SQLite's rules: lint SQL as one migration file, with a schema built on the embedded SQLite. */
import type { Rule } from "../../../lint/rule.js";
import { at, lintSql } from "../../../lint/testing.js";
import type { Schema } from "../../../schema/model.js";
import { sqlite } from "../index.js";

/** The books schema of the conformance cases: every table of it holds rows. */
export const BOOKS = `CREATE TABLE authors (id INTEGER PRIMARY KEY, pen_name TEXT NOT NULL, email TEXT UNIQUE);
CREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors (id), title TEXT NOT NULL, pages INTEGER, published_on TEXT);
CREATE INDEX books_author_idx ON books (author_id);
CREATE TABLE reading_log (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books (id), read_on TEXT NOT NULL);`;

const schemas = new Map<string, Schema>();

/** The schema `sql` builds on the embedded SQLite, read back as lint's `--schema` reads it. */
export async function sqliteSchema(sql: string): Promise<Schema> {
  const cached = schemas.get(sql);
  if (cached) return cached;
  await sqlite.ready();
  const engine = sqlite.openEngine({});
  try {
    const db = await engine.fresh();
    await db.exec(sql);
    const schema = await sqlite.introspect(db);
    schemas.set(sql, schema);
    return schema;
  } finally {
    await engine.close();
  }
}

/** `rule@line` of the findings of `rules` on `sql`, with `schema` (default BOOKS) as the database before. */
export async function lintSqlite(
  sql: string,
  rules: readonly Rule[],
  options: { schema?: string | null; sqliteVersion?: string; transactional?: boolean } = {},
): Promise<string[]> {
  return at(await findingsOf(sql, rules, options));
}

export async function findingsOf(
  sql: string,
  rules: readonly Rule[],
  options: { schema?: string | null; sqliteVersion?: string; transactional?: boolean } = {},
) {
  const schema = options.schema === null ? undefined : await sqliteSchema(options.schema ?? BOOKS);
  return lintSql(sql, rules, {
    dialect: sqlite,
    ...(schema ? { schema } : {}),
    ...(options.sqliteVersion ? { sqliteVersion: options.sqliteVersion } : {}),
    ...(options.transactional === undefined ? {} : { transactional: options.transactional }),
  });
}
