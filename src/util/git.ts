import { execFileSync } from "node:child_process";
import { InputError } from "./errors.js";

/**
 * Runs git in `cwd` and returns its output; a failure is an InputError located at `what` (the
 * source or flag it serves) with git's first line of complaint.
 */
export function git(args: readonly string[], cwd: string, what: string): Buffer {
  try {
    return execFileSync("git", args, { cwd, maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? "")
      .trim()
      .split("\n")[0];
    throw new InputError(`git: ${stderr || (err as Error).message}`, what);
  }
}

/** The top folder of the git work tree holding `cwd`, or undefined outside one (or without git). */
export function repositoryRoot(cwd: string): string | undefined {
  try {
    const out = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, stdio: ["ignore", "pipe", "ignore"] });
    return out.toString("utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}
