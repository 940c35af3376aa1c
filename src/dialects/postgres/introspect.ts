import type { Database } from "../../engines/engine.js";
import { functionNames } from "./expressions.js";
import { initParser } from "./parse.js";
import { ident } from "./render.js";
import type {
  CheckConstraint,
  Column,
  EnumType,
  FkAction,
  ForeignKey,
  Index,
  OtherConstraint,
  PrimaryKey,
  Schema,
  Sequence,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";

/**
 * Reads the schema back from the PostgreSQL catalog (pg_catalog, not information_schema: it is
 * faster and knows identity, partial indexes and NOT VALID). Objects that belong to extensions are
 * left out: they come with `CREATE EXTENSION`.
 */

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;
const NOT_EXTENSION = (cls: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${cls}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

/**
 * Filters `c` (pg_class) on the relations named in `$1` (see namedTables): each found through the
 * catalog's name index, not by comparing every relation's name.
 */
export const NAMED_TABLES = "c.oid = ANY(ARRAY(SELECT to_regclass(x)::oid FROM unnest($1::text[]) x))";

/** `schema.name` keys as the quoted names NAMED_TABLES looks up. */
export function namedTables(keys: readonly string[]): string[] {
  return keys.map((k) => {
    const dot = k.indexOf(".");
    return `${ident(k.slice(0, dot))}.${ident(k.slice(dot + 1))}`;
  });
}

const TABLES = (scoped: boolean) => `
SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind = 'p' AS partitioned
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND ${USER_NS} AND ${NOT_EXTENSION("pg_class", "c.oid")}
  ${scoped ? `AND ${NAMED_TABLES}` : ""}
ORDER BY 2, 3`;

// The queries below read the tables of the oids in $1 (from TABLES): no joins to find them, which
// the embedded engine plans slowly; a migration's few tables are read in a few milliseconds.

/** `owned`: objects that depend on the column automatically, among them a serial's sequence (see SEQUENCE_NAMES). */
const COLUMNS = `
SELECT a.attrelid::int AS table_oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
       (SELECT pg_get_expr(ad.adbin, ad.adrelid) FROM pg_attrdef ad
         WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) AS expr,
       CASE WHEN a.attcollation <> (SELECT t.typcollation FROM pg_type t WHERE t.oid = a.atttypid)
            THEN (SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation) END AS collation,
       ARRAY(SELECT dep.objid::int FROM pg_depend dep
             WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
               AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'a') AS owned
FROM pg_attribute a
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

const SEQUENCE_NAMES = `
SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = ANY($1::oid[]) AND c.relkind = 'S'`;

const CONSTRAINTS = `
SELECT con.conrelid::int AS table_oid, con.conname AS name, con.contype AS type,
       pg_get_constraintdef(con.oid) AS definition, con.convalidated AS validated,
       con.condeferrable AS deferrable, con.condeferred AS deferred,
       con.confupdtype AS on_update, con.confdeltype AS on_delete,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.i) AS columns,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.i) AS ref_columns,
       rn.nspname AS ref_schema, rc.relname AS ref_table
FROM pg_constraint con
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conrelid = ANY($1::oid[])
ORDER BY con.conrelid, con.conname`;

const INDEXES = `
SELECT i.indrelid::int AS table_oid, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
       pg_get_indexdef(i.indexrelid) AS definition,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k) AS keys
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY($1::oid[])
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
  -- A partition's copy of its parent's index comes and goes with the parent's: not an index of its own.
  AND NOT EXISTS (SELECT 1 FROM pg_inherits inh WHERE inh.inhrelid = i.indexrelid)
ORDER BY i.indrelid, ic.relname`;

const ENUMS = `
SELECT n.nspname AS schema, t.typname AS name, ARRAY(
         SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ${USER_NS} AND ${NOT_EXTENSION("pg_type", "t.oid")}
ORDER BY 1, 2`;

const SEQUENCES = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min,
       s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
       oc.relname AS owner_table, oa.attname AS owner_column
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE ${USER_NS} AND ${NOT_EXTENSION("pg_class", "c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_depend di WHERE di.classid = 'pg_class'::regclass
                  AND di.objid = c.oid AND di.deptype = 'i')
ORDER BY 1, 2`;

const NAMESPACES = `
SELECT n.nspname AS name FROM pg_namespace n
WHERE ${USER_NS} AND n.nspname <> 'public' AND ${NOT_EXTENSION("pg_namespace", "n.oid")}
ORDER BY 1`;

const EXTENSIONS = `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`;

const FK_ACTIONS: Record<string, FkAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

interface ColumnRow {
  table_oid: number;
  name: string;
  type: string;
  not_null: boolean;
  identity: string;
  generated: string;
  expr: string | null;
  collation: string | null;
  owned: number[];
  seq_schema?: string;
  seq_name?: string;
}

interface ConstraintRow {
  table_oid: number;
  name: string;
  type: "p" | "u" | "f" | "c" | "x";
  definition: string;
  validated: boolean;
  deferrable: boolean;
  deferred: boolean;
  on_update: string;
  on_delete: string;
  columns: string[];
  ref_columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
}

interface IndexRow {
  table_oid: number;
  name: string;
  unique: boolean;
  method: string;
  definition: string;
  predicate: string | null;
  keys: string[];
}

export async function introspect(db: Database): Promise<Schema> {
  return { ...(await introspectGlobals(db)), tables: await introspectTables(db) };
}

/** Everything but the tables: namespaces, extensions, enums and sequences. */
export async function introspectGlobals(db: Database): Promise<Omit<Schema, "tables">> {
  const [enums, sequences, namespaces, extensions] = [
    await db.query<EnumType>(ENUMS),
    await db.query<Record<string, unknown>>(SEQUENCES),
    await db.query<{ name: string }>(NAMESPACES),
    await db.query<{ name: string }>(EXTENSIONS),
  ];
  return {
    namespaces: namespaces.map((r) => r.name),
    extensions: extensions.map((r) => r.name),
    enums: enums.map((e) => ({ schema: e.schema, name: e.name, values: [...e.values] })),
    sequences: sequences.map(toSequence),
  };
}

/**
 * The tables, or with `only` (`schema.name` keys) just those of them that exist: a migration that
 * touches two tables of three hundred is read back in a fraction of the time.
 */
export async function introspectTables(db: Database, only?: readonly string[]): Promise<Table[]> {
  await initParser();
  const scoped = only !== undefined;
  const tables = await db.query<{ oid: number; schema: string; name: string; partitioned: boolean }>(
    TABLES(scoped),
    scoped ? [namedTables(only)] : [],
  );
  if (tables.length === 0) return [];
  const params = [tables.map((t) => t.oid)];
  // One query per object kind, over all (or the scoped) tables at once: a few round trips whatever the size.
  const [columns, constraints, indexes] = [
    await db.query<ColumnRow>(COLUMNS, params),
    await db.query<ConstraintRow>(CONSTRAINTS, params),
    await db.query<IndexRow>(INDEXES, params),
  ];
  await nameOwnedSequences(db, columns);

  const byTable = <R extends { table_oid: number }>(rows: R[]) => {
    const map = new Map<number, R[]>();
    for (const r of rows) {
      const list = map.get(r.table_oid);
      if (list) list.push(r);
      else map.set(r.table_oid, [r]);
    }
    return map;
  };
  const colsOf = byTable(columns);
  const consOf = byTable(constraints);
  const idxOf = byTable(indexes);

  const volatile = await volatileFunctions(
    db,
    columns.flatMap((c) => (c.expr && c.generated !== "s" ? [c.expr] : [])),
  );
  for (const c of columns) (c as ColumnRow & { volatile?: boolean }).volatile = isVolatile(c.expr, volatile);

  return tables.map((t) => {
    const table = toTable(t.schema, t.name, colsOf.get(t.oid) ?? [], consOf.get(t.oid) ?? [], idxOf.get(t.oid) ?? []);
    return t.partitioned ? { ...table, partitioned: true } : table;
  });
}

/** Sets `seq_schema`/`seq_name` on serial columns: the sequence they own (the first by name). */
async function nameOwnedSequences(db: Database, columns: ColumnRow[]): Promise<void> {
  // A serial's default calls nextval: other columns' automatic dependents are their indexes.
  const owned = [...new Set(columns.flatMap((c) => (c.expr?.startsWith("nextval(") ? c.owned : [])))];
  if (owned.length === 0) return;
  const rows = await db.query<{ oid: number; schema: string; name: string }>(SEQUENCE_NAMES, [owned]);
  const byOid = new Map(rows.map((r) => [r.oid, r]));
  for (const c of columns) {
    if (!c.expr?.startsWith("nextval(")) continue;
    const seqs = c.owned.flatMap((o) => byOid.get(o) ?? []).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (seqs[0]) {
      c.seq_schema = seqs[0].schema;
      c.seq_name = seqs[0].name;
    }
  }
}

function toTable(schema: string, name: string, cols: ColumnRow[], cons: ConstraintRow[], idx: IndexRow[]): Table {
  let primaryKey: PrimaryKey | undefined;
  const uniques: UniqueConstraint[] = [];
  const foreignKeys: ForeignKey[] = [];
  const checks: CheckConstraint[] = [];
  const exclusions: OtherConstraint[] = [];
  for (const c of cons) {
    const definition = c.definition.replace(/ NOT VALID$/, "");
    switch (c.type) {
      case "p":
        primaryKey = { name: c.name, columns: c.columns };
        break;
      case "u":
        uniques.push({ name: c.name, columns: c.columns, definition });
        break;
      case "c":
        checks.push({ name: c.name, definition, validated: c.validated });
        break;
      case "x":
        exclusions.push({ name: c.name, definition });
        break;
      case "f":
        foreignKeys.push({
          name: c.name,
          columns: c.columns,
          references: { schema: c.ref_schema ?? "public", name: c.ref_table ?? "" },
          referencedColumns: c.ref_columns,
          onDelete: FK_ACTIONS[c.on_delete] ?? "NO ACTION",
          onUpdate: FK_ACTIONS[c.on_update] ?? "NO ACTION",
          deferrable: c.deferrable,
          initiallyDeferred: c.deferred,
          validated: c.validated,
          definition,
        });
        break;
    }
  }
  const indexes: Index[] = idx.map((i) => ({
    name: i.name,
    unique: i.unique,
    method: i.method,
    keys: i.keys,
    definition: i.definition,
    ...(i.predicate ? { predicate: i.predicate } : {}),
  }));
  return {
    schema,
    name,
    columns: cols.map(toColumn),
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    foreignKeys,
    checks,
    exclusions,
    indexes,
  };
}

function toColumn(r: ColumnRow): Column {
  const col: {
    -readonly [K in keyof Column]: Column[K];
  } = { name: r.name, type: r.type, notNull: r.not_null };
  if (r.generated === "s" && r.expr) col.generated = r.expr;
  else if (r.expr) {
    col.default = r.expr;
    if ((r as ColumnRow & { volatile?: boolean }).volatile) col.volatileDefault = true;
  }
  if (r.identity === "a") col.identity = "always";
  if (r.identity === "d") col.identity = "by default";
  if (r.collation) col.collation = r.collation;
  if (r.seq_name && r.seq_schema && !r.identity) col.ownedSequence = { schema: r.seq_schema, name: r.seq_name };
  return col;
}

function toSequence(r: Record<string, unknown>): Sequence {
  const seq: { -readonly [K in keyof Sequence]: Sequence[K] } = {
    schema: String(r.schema),
    name: String(r.name),
    type: String(r.type),
    start: String(r.start),
    increment: String(r.increment),
    min: String(r.min),
    max: String(r.max),
    cache: String(r.cache),
    cycle: Boolean(r.cycle),
  };
  if (r.owner_table && r.owner_column) seq.ownedBy = { table: String(r.owner_table), column: String(r.owner_column) };
  return seq;
}

/** The names, among the functions these expressions call, of those the catalog says are volatile. */
async function volatileFunctions(db: Database, exprs: string[]): Promise<Set<string>> {
  const names = new Set<string>();
  for (const e of new Set(exprs)) for (const n of functionNames(e)) names.add(n);
  if (names.size === 0) return new Set();
  const rows = await db.query<{ name: string }>(
    "SELECT DISTINCT proname AS name FROM pg_proc WHERE provolatile = 'v' AND proname = ANY($1)",
    [[...names]],
  );
  return new Set(rows.map((r) => r.name));
}

function isVolatile(expr: string | null, volatile: Set<string>): boolean {
  return !!expr && functionNames(expr).some((n) => volatile.has(n));
}

const UNMODELLED = `
SELECT
  (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm', 'f') AND ${USER_NS} AND ${NOT_EXTENSION("pg_class", "c.oid")})
  + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_NS} AND ${NOT_EXTENSION("pg_proc", "p.oid")})
  + (SELECT count(*) FROM pg_trigger t WHERE NOT t.tgisinternal)
  + (SELECT count(*) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE r.rulename <> '_RETURN' AND ${USER_NS})
  + (SELECT count(*) FROM pg_policy)
  + (SELECT count(*) FROM pg_inherits)
  + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype IN ('d', 'r', 'm') AND ${USER_NS} AND ${NOT_EXTENSION("pg_type", "t.oid")})
  + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'c' AND ${USER_NS} AND ${NOT_EXTENSION("pg_class", "c.oid")}) AS n`;

/**
 * How many objects the database holds that the schema model does not describe (views, functions,
 * triggers, rules, policies, inheritance, domains, ranges, composite types). Zero means the model
 * describes the database whole, so it can be rebuilt from the model.
 */
export async function countUnmodelled(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(UNMODELLED);
  return Number(row?.n ?? 0);
}
