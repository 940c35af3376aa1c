/**
 * The stage `plan` and `diff` share: both schemas built on an engine, the desired one aligned to
 * the current one (and laid on a baseline), and the typed changes between them under the renames
 * the user confirmed or denied.
 */
import type { Change } from "../diff/changes.js";
import { desiredOnBaseline } from "../diff/baseline.js";
import { diffSchemas } from "../diff/diff.js";
import { parseRenames, type Renames } from "../diff/renames.js";
import type { Dialect } from "../dialects/dialect.js";
import type { Engine } from "../engines/engine.js";
import { buildSchemas, type Built } from "../verify/build-schemas.js";
import { extensionsCreated } from "../sources/execute.js";
import type { Source } from "../sources/index.js";

export interface SchemaDiffInputs {
  /** The dialect of both sources: its engine builds them. */
  readonly dialect: Dialect;
  readonly from: Source;
  readonly to: Source;
  /** The model the current schema was made from (see desiredOnBaseline). */
  readonly baseline?: Source;
  /** `--rename` specs. */
  readonly renames?: readonly string[];
  /** `--not-renamed` specs. */
  readonly notRenamed?: readonly string[];
  /** A PostgreSQL server for throwaway databases; PGlite without it. */
  readonly devUrl?: string;
  readonly cacheDir?: string;
}

export interface SchemaDiff {
  /** Open: the caller goes on with it (plan checks its steps there) and closes it. */
  readonly engine: Engine;
  /** Both schemas as built, the desired one aligned to the current (and the baseline, when given). */
  readonly aligned: Built;
  /** What is diffed: with a baseline, the model's change applied to the current schema. */
  readonly built: Built;
  readonly renames: Renames;
  readonly diff: readonly Change[];
}

/** Opens the engine, builds and diffs; the engine is closed here only when this throws. */
export async function schemaDiff(inputs: SchemaDiffInputs, lap: (phase: string) => void): Promise<SchemaDiff> {
  const extensions = extensionsCreated([...(inputs.from.units ?? []), ...(inputs.to.units ?? [])], inputs.dialect);
  const engine = inputs.dialect.openEngine({ devUrl: inputs.devUrl, cacheDir: inputs.cacheDir, extensions });
  try {
    lap("read sources");
    const schemas = await buildSchemas(
      engine,
      inputs.dialect,
      inputs.from,
      inputs.to,
      inputs.cacheDir,
      lap,
      inputs.baseline,
    );
    const aligned = alignDesired(inputs.to, schemas);
    const built = onBaseline(aligned, inputs.dialect);
    const renames = parseRenames(inputs.renames ?? [], inputs.notRenamed ?? [], built.from);
    return { engine, aligned, built, renames, diff: diffSchemas(built.from, built.to, inputs.dialect, renames) };
  } catch (err) {
    await engine.close();
    throw err;
  }
}

/** The desired schemas as their source means them against the current one (see Source.alignTo). */
function alignDesired(toSource: Source, built: Built): Built {
  const align = toSource.alignTo?.bind(toSource);
  if (!align) return built;
  return {
    ...built,
    to: align(built.from, built.to),
    ...(built.baseline ? { baseline: align(built.from, built.baseline) } : {}),
  };
}

/** With a baseline, the target is the model's change applied to the database as it is. */
function onBaseline(built: Built, dialect: Dialect): Built {
  return built.baseline ? { ...built, to: desiredOnBaseline(built.from, built.baseline, built.to, dialect) } : built;
}
