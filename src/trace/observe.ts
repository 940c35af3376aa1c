/**
 * What a trace observes while a statement runs (the dialect reads it from its catalog): the
 * relation locks the session holds, each table's storage (a change means the table was rewritten),
 * and the lock timeout in effect.
 */
export interface Lock {
  readonly relation: string;
  readonly mode: string;
}

export interface Observation {
  readonly locks: readonly Lock[];
  /** Table → storage file. */
  readonly files: ReadonlyMap<string, string>;
  /** The lock_timeout in effect ("0": none). */
  readonly timeout: string;
}
