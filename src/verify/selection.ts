import type { MigrationFile } from "../frameworks/framework.js";
import { changedSince } from "./since.js";

/** Which migrations are under test: the newest `last`, and of those the ones changed `since` a git revision. */
export function selection(
  migrations: readonly MigrationFile[],
  request: { readonly last?: number; readonly since?: string },
  dir: string,
): (m: MigrationFile, i: number) => boolean {
  const from = request.last === undefined ? 0 : Math.max(0, migrations.length - request.last);
  const changed = request.since ? changedSince(request.since, dir) : undefined;
  return (m, i) =>
    i >= from && (!changed || [m.path, m.up.file, m.down?.file].some((f) => f !== undefined && changed.has(f)));
}
