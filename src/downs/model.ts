import type { MigrationFile } from "../frameworks/framework.js";
import type { ComputedDown } from "./compute.js";

/**
 * What became of one migration's down. `exists`: it has one, left alone (`lockstep verify` checks
 * it); `irreversible`: marked so with a reason; `written` / `would-write`: computed and verified;
 * `not-writable`: computed, but its place is the migration's own file (dbmate), never rewritten;
 * `failed`: none could be made or it did not pass its round trip (`reason` says why).
 */
export type DownStatus = "written" | "would-write" | "exists" | "irreversible" | "not-writable" | "failed";

export interface DownReport {
  /** The migration (its up file), relative to the current folder. */
  readonly migration: string;
  /** Where its down is, or would go. */
  readonly file?: string;
  readonly status: DownStatus;
  /** Ran up, down and up again on the engine, schema and seeded rows checked. */
  readonly verified: boolean;
  /** What the down cannot bring back, per the planner and per the seeded rows. */
  readonly dataLoss?: readonly string[];
  /** The down's text: written, to write, or as it exists. */
  readonly sql: string;
  readonly reason?: string;
}

/** A migration whose down is to be computed, and where it goes. */
export interface Pending {
  readonly m: MigrationFile;
  /** Where the down goes; undefined when it cannot be a file of its own. */
  readonly target?: string;
  /** How to run it, where the tool runs no downs itself (see FormatReader.downNote). */
  readonly note: readonly string[];
  down?: ComputedDown;
}
