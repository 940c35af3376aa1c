/**
 * vitest global setup: the tests that run the CLI as a user does (`bin/lockstep.js`, the packed
 * tarball) need dist/ built from the current source. One build for the whole run, and none when
 * dist/ is newer than every source file.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function distIsCurrent(): boolean {
  const built = join(ROOT, "dist/index.js");
  if (!existsSync(built)) return false;
  const inputs = Math.max(
    newestSource(join(ROOT, "src")),
    statSync(join(ROOT, "tsconfig.build.json")).mtimeMs,
    statSync(join(ROOT, "tsconfig.json")).mtimeMs,
  );
  return statSync(built).mtimeMs >= inputs;
}

export default function setup(): void {
  if (distIsCurrent()) return;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
}
