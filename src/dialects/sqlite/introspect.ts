import type { Database } from "../../engines/engine.js";
import type {
  Column,
  FkAction,
  ForeignKey,
  Index,
  PrimaryKey,
  Schema,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";
import { Probes } from "./probes.js";
import { columnList, createIndex, EXPRESSION_KEY, ident } from "./render.js";
import { loadSqlJs } from "./sqljs.js";

/**
 * Reads a SQLite schema into Lockstep's model through `sqlite_schema` and the pragmas
 * (`table_xinfo`, `index_list`, `index_xinfo`, `foreign_key_list`), as table-valued functions so
 * that any `Database` can answer them.
 *
 * SQLite keeps no name for a primary key, a UNIQUE or a FOREIGN KEY clause: the model names them
 * the way PostgreSQL would (`books_pkey`, `authors_email_key`, `books_author_id_fkey`), so two
 * schemas compare by what the constraints are. What the pragmas do not give is read from the stored
 * CREATE text by SQLite itself (probes.ts) where it can be: defaults as written back, generated
 * columns' definitions, partial indexes' WHERE. Not read (yet): CHECK constraints, column COLLATE,
 * DEFERRABLE on foreign keys, and the text of an expression key (the index's `definition` has it).
 *
 * SQLite has one schema, `main`; the model's default namespace is spelled `public` (displayName
 * prints bare names for it), so SQLite's tables live there.
 */
export const MODEL_SCHEMA = "public";

interface TableRow {
  name: string;
  sql: string;
}

interface ColumnRow {
  name: string;
  type: string | null;
  notnull: number;
  dflt: string | null;
  pk: number;
  hidden: number;
}

interface IndexRow {
  name: string;
  unique: number;
  origin: "c" | "u" | "pk";
  partial: number;
  sql: string | null;
}

interface IndexColumnRow {
  name: string | null;
  cid: number;
  desc: number;
  coll: string | null;
}

interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

export async function introspectSqlite(db: Database): Promise<Schema> {
  await loadSqlJs();
  const probes = new Probes();
  try {
    // Ordinary tables only: not SQLite's own, not virtual tables nor their shadow tables.
    const tables = await db.query<TableRow>(
      `SELECT s.name, s.sql FROM sqlite_schema s
       JOIN pragma_table_list l ON l.name = s.name AND l.schema = 'main' AND l.type = 'table'
       WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
       ORDER BY s.name`,
    );
    const out: Table[] = [];
    for (const t of tables) out.push(await readTable(db, t, probes));
    return { namespaces: [], extensions: [], enums: [], sequences: [], tables: out };
  } finally {
    probes.close();
  }
}

async function readTable(db: Database, t: TableRow, probes: Probes): Promise<Table> {
  const columnRows = await db.query<ColumnRow>(
    `SELECT name, type, "notnull", dflt_value AS dflt, pk, hidden FROM pragma_table_xinfo(?) WHERE hidden <> 1 ORDER BY cid`,
    [t.name],
  );
  const columns = columnRows.map((c) => column(c, t, probes));
  const pkColumns = columnRows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const primaryKey: PrimaryKey | undefined = pkColumns.length
    ? { name: `${t.name}_pkey`, columns: pkColumns.map((c) => c.name) }
    : undefined;

  const indexRows = await db.query<IndexRow>(
    `SELECT l.name, l."unique", l.origin, l.partial, s.sql
     FROM pragma_index_list(?) l LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = l.name
     ORDER BY l.name`,
    [t.name],
  );
  const uniques: UniqueConstraint[] = [];
  const indexes: Index[] = [];
  for (const ix of indexRows) {
    if (ix.origin === "pk") continue;
    const keys = await db.query<IndexColumnRow>(
      `SELECT name, cid, "desc", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`,
      [ix.name],
    );
    if (ix.origin === "u") {
      const cols = keys.map((k) => k.name ?? "");
      uniques.push({
        name: `${t.name}_${cols.join("_")}_key`,
        columns: cols,
        definition: `UNIQUE ${columnList(cols)}`,
      });
      continue;
    }
    const predicate = ix.partial && ix.sql ? probes.indexPredicate(t.sql, ix.sql) : undefined;
    const index = {
      name: ix.name,
      unique: ix.unique === 1,
      method: "btree",
      keys: keys.map(indexKey),
      ...(predicate === undefined ? {} : { predicate }),
    };
    // Written from its parts, the definition does not depend on how the index was spelled, nor on
    // the quotes a table rename puts in the stored text; with an expression key, the stored text.
    indexes.push({
      ...index,
      definition:
        index.keys.includes(EXPRESSION_KEY) || (ix.partial && predicate === undefined)
          ? (ix.sql ?? "")
          : createIndex({ ...index, definition: "" }, { schema: MODEL_SCHEMA, name: t.name }),
    });
  }

  const fkRows = await db.query<ForeignKeyRow>(
    `SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
    [t.name],
  );
  const foreignKeys = await foreignKeysOf(db, t.name, fkRows);

  return {
    schema: MODEL_SCHEMA,
    name: t.name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    foreignKeys,
    checks: probes.checks(t.sql, t.name).map((c) => ({ ...c, validated: true })),
    exclusions: [],
    indexes,
  };
}

function column(c: ColumnRow, t: TableRow, probes: Probes): Column {
  const base = { name: c.name, type: c.type ?? "", notNull: c.notnull === 1 };
  if (c.hidden === 2 || c.hidden === 3) {
    // The expression is only in the CREATE text: the column's whole definition, as SQLite cuts it.
    const definition = probes.columnDefinition(t.sql, t.name, c.name);
    return { ...base, generated: definition ?? `<generated ${c.hidden === 3 ? "STORED" : "VIRTUAL"} column>` };
  }
  if (c.dflt === null) return base;
  const dflt = probes.defaultText(c.dflt);
  return { ...base, default: dflt, ...(probes.nonConstantDefault(c.dflt) ? { volatileDefault: true } : {}) };
}

function indexKey(k: IndexColumnRow): string {
  // cid -2: an expression, whose text only the index's CREATE statement (`definition`) holds.
  let key = k.cid === -2 ? EXPRESSION_KEY : ident(k.name ?? "");
  if (k.coll && k.coll !== "BINARY") key += ` COLLATE ${k.coll}`;
  if (k.desc) key += " DESC";
  return key;
}

const ACTIONS: Record<string, FkAction> = {
  "NO ACTION": "NO ACTION",
  RESTRICT: "RESTRICT",
  CASCADE: "CASCADE",
  "SET NULL": "SET NULL",
  "SET DEFAULT": "SET DEFAULT",
};

async function foreignKeysOf(db: Database, table: string, rows: ForeignKeyRow[]): Promise<ForeignKey[]> {
  const byId = new Map<number, ForeignKeyRow[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const out: ForeignKey[] = [];
  for (const group of byId.values()) {
    const first = group[0]!;
    const columns = group.map((r) => r.from);
    // `REFERENCES parent` without columns names the parent's primary key.
    let referenced = group.map((r) => r.to);
    if (referenced.some((c) => c === null)) {
      const pk = await db.query<{ name: string }>(`SELECT name FROM pragma_table_xinfo(?) WHERE pk > 0 ORDER BY pk`, [
        first.table,
      ]);
      referenced = pk.map((p) => p.name);
    }
    const referencedColumns = referenced.map((c) => c ?? "");
    const onDelete = ACTIONS[first.on_delete] ?? "NO ACTION";
    const onUpdate = ACTIONS[first.on_update] ?? "NO ACTION";
    let definition = `FOREIGN KEY ${columnList(columns)} REFERENCES ${ident(first.table)}${columnList(referencedColumns)}`;
    if (onDelete !== "NO ACTION") definition += ` ON DELETE ${onDelete}`;
    if (onUpdate !== "NO ACTION") definition += ` ON UPDATE ${onUpdate}`;
    out.push({
      name: `${table}_${columns.join("_")}_fkey`,
      columns,
      references: { schema: MODEL_SCHEMA, name: first.table },
      referencedColumns,
      onDelete,
      onUpdate,
      deferrable: false,
      initiallyDeferred: false,
      validated: true,
      definition,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
