/**
 * The Prisma major version a project uses, from the nearest package.json at or above the schema
 * that lists `prisma` or `@prisma/client`: its conventions changed between versions (Prisma 6 gave
 * implicit many-to-many tables a primary key). Undefined when none says.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export function prismaMajorFor(schemaPath: string): number | undefined {
  let dir = resolve(schemaPath);
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const major = majorIn(file);
      if (major !== undefined) return major;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function majorIn(file: string): number | undefined {
  let pkg: Record<string, Record<string, string> | undefined>;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8")) as typeof pkg;
  } catch {
    return undefined;
  }
  for (const deps of [pkg.dependencies, pkg.devDependencies])
    for (const name of ["prisma", "@prisma/client"]) {
      // `^5.22.0`, `~4.16`, `5.x`, `>=5.0.0`: the first number is the major.
      const m = /(\d+)/.exec(deps?.[name] ?? "");
      if (m) return Number(m[1]);
    }
  return undefined;
}
