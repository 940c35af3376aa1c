import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import type { MigrationFile, PlannedFile } from "../frameworks/framework.js";
import { InputError } from "../util/errors.js";
import { replaceFileAtomically, writeFilesAtomically } from "../util/write-files.js";
import { appendedTo } from "./content.js";
import type { DownReport, Pending } from "./model.js";

/**
 * Writes every verified down: new files all or nothing (never over an existing one); a blank down
 * file gets the down below its comments, if it is still blank when written.
 */
export function writeDowns(
  dir: string,
  list: readonly DownReport[],
  pending: ReadonlyMap<number, Pending>,
  migrations: readonly MigrationFile[],
  shown: (file: string) => string,
  dialect: Dialect,
): DownReport[] {
  const fresh: PlannedFile[] = [];
  const blank: { target: string; content: string }[] = [];
  list.forEach((d, i) => {
    const target = pending.get(i)?.target;
    if (d.status !== "would-write" || !target) return;
    if (migrations[i]!.down) blank.push({ target, content: d.sql });
    else fresh.push({ path: relative(dir, target), content: d.sql });
  });
  writeFilesAtomically(dir, fresh);
  for (const b of blank) {
    const existing = readFileSync(b.target, "utf8");
    if (!dialect.isBlank(existing))
      throw new InputError("was changed while the downs were computed; not overwritten", shown(b.target));
    replaceFileAtomically(b.target, appendedTo(existing, b.content));
  }
  return list.map((d) => (d.status === "would-write" ? { ...d, status: "written" as const, sql: d.sql } : d));
}
