/**
 * The schema model: what Lockstep knows of a database's structure. It is read back from the
 * engine's own catalog, so types, defaults and constraint definitions are in the engine's canonical
 * spelling and two schemas read by the same engine compare as plain values.
 */

/** A schema-qualified name. */
export interface QName {
  readonly schema: string;
  readonly name: string;
}

export interface Column {
  readonly name: string;
  /** The type as the catalog formats it: `character varying(100)`, `integer[]`, `public.mood`. */
  readonly type: string;
  readonly notNull: boolean;
  /** The default expression as the catalog prints it, e.g. `now()`, `'new'::character varying`. */
  readonly default?: string;
  /** True when the default calls a volatile function (`random()`, `gen_random_uuid()`, `nextval`): adding such a column rewrites the table. */
  readonly volatileDefault?: boolean;
  readonly identity?: "always" | "by default";
  /** Expression of a `GENERATED ALWAYS AS (…) STORED` column. */
  readonly generated?: string;
  readonly collation?: string;
  /** A sequence this column owns (serial-style); `default` is its `nextval(…)`. */
  readonly ownedSequence?: QName;
}

export interface PrimaryKey {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface UniqueConstraint {
  readonly name: string;
  readonly columns: readonly string[];
  /** `pg_get_constraintdef`, e.g. `UNIQUE (email)` or `UNIQUE NULLS NOT DISTINCT (a, b)`. */
  readonly definition: string;
}

export type FkAction = "NO ACTION" | "RESTRICT" | "CASCADE" | "SET NULL" | "SET DEFAULT";

export interface ForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: QName;
  readonly referencedColumns: readonly string[];
  readonly onDelete: FkAction;
  readonly onUpdate: FkAction;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly validated: boolean;
  /** `pg_get_constraintdef` without `NOT VALID`. */
  readonly definition: string;
}

export interface CheckConstraint {
  readonly name: string;
  /** `CHECK ((total >= (0)::numeric))` as `pg_get_constraintdef` prints it, without `NOT VALID`. */
  readonly definition: string;
  readonly validated: boolean;
}

/** A constraint kind the model keeps as text only (exclusion constraints). */
export interface OtherConstraint {
  readonly name: string;
  readonly definition: string;
}

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  /** Key expressions as the catalog prints them, with their order and opclass: `lower(email)`, `created_at DESC`. */
  readonly keys: readonly string[];
  readonly predicate?: string;
  /** `pg_get_indexdef`: the whole `CREATE INDEX …` statement. */
  readonly definition: string;
}

export interface Table {
  readonly schema: string;
  readonly name: string;
  /** Columns in catalog order; order is not a difference. */
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly uniques: readonly UniqueConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly CheckConstraint[];
  readonly exclusions: readonly OtherConstraint[];
  /** Indexes that no constraint owns (constraint indexes live with their constraint). */
  readonly indexes: readonly Index[];
  /** A partitioned table (`PARTITION BY`): its indexes cannot be built or dropped CONCURRENTLY. Absent when not. */
  readonly partitioned?: boolean;
}

export interface EnumType {
  readonly schema: string;
  readonly name: string;
  /** Values in their sort order. */
  readonly values: readonly string[];
}

export interface Sequence {
  readonly schema: string;
  readonly name: string;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** The column that owns it (serial-style); such sequences are created and dropped with it. */
  readonly ownedBy?: { readonly table: string; readonly column: string };
}

export interface Schema {
  /** User schemas (namespaces) other than `public`, which always exists. */
  readonly namespaces: readonly string[];
  readonly extensions: readonly string[];
  readonly enums: readonly EnumType[];
  readonly sequences: readonly Sequence[];
  readonly tables: readonly Table[];
}

export const emptySchema: Schema = { namespaces: [], extensions: [], enums: [], sequences: [], tables: [] };

export function sameName(a: QName, b: QName): boolean {
  return a.schema === b.schema && a.name === b.name;
}

/** `users` for objects in `public`, `billing.invoices` elsewhere: how people name tables. */
export function displayName(obj: QName): string {
  return obj.schema === "public" ? obj.name : `${obj.schema}.${obj.name}`;
}

export function findTable(schema: Schema, name: QName): Table | undefined {
  return schema.tables.find((t) => sameName(t, name));
}
