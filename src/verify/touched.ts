/**
 * What a migration (its up and its down) can change, as its dialect reads it from the statements:
 * the tables it names, and whether it touches enums, sequences, schemas or extensions ("globals").
 * Verify reads back and fingerprints only that part between passes; the dialect answers
 * `undefined` when a statement could change anything, and then the whole database is read.
 */
export interface Touched {
  /** `schema.name` keys of the tables that may change. */
  readonly tables: ReadonlySet<string>;
  readonly globals: boolean;
}
