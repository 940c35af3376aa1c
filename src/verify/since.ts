import { resolve } from "node:path";
import { InputError } from "../util/errors.js";
import { git as runGit } from "../util/git.js";

/**
 * Files of `dir` added or changed since the git revision `ref` (`--since git:REF`): those that
 * differ between REF and the working tree, and new files git does not track yet. Absolute paths.
 */
export function changedSince(spec: string, dir: string): Set<string> {
  const ref = /^git:(.+)$/.exec(spec)?.[1];
  if (!ref) throw new InputError(`--since ${spec}: expected git:REF (a branch, tag or commit, e.g. git:origin/main)`);
  const git = (...args: string[]) => runGit(args, dir, `--since ${spec}`).toString();

  const root = git("rev-parse", "--show-toplevel").trim();
  git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  const changed = git("diff", "--name-only", "--no-renames", ref, "--", ".").split("\n");
  const added = git("ls-files", "--others", "--exclude-standard", "--full-name", "--", ".").split("\n");
  return new Set([...changed, ...added].filter(Boolean).map((f) => resolve(root, f)));
}
