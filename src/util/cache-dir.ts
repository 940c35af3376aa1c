import { homedir } from "node:os";
import { join } from "node:path";

/** Where the PGlite template and replay caches live; delete it at will. */
export function defaultCacheDir(): string {
  if (process.env.LOCKSTEP_CACHE_DIR) return process.env.LOCKSTEP_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "lockstep");
}
