/**
 * Which migrations `check` lints and verifies (DESIGN.md §4b): those added or changed since the
 * merge-base with the default branch (a pull request's migrations), `--base REF` for another
 * branch, `--last N` for the newest N; the newest when there is no git, no default branch, or
 * nothing added since the merge-base (a run on the default branch itself).
 */
import type { MigrationFile } from "../frameworks/framework.js";
import { InputError } from "../util/errors.js";
import { git } from "../util/git.js";
import { selection } from "../verify/selection.js";

export interface UnderTest {
  /** The scope to hand to `verify` (`since: git:<commit>`, `last`). */
  readonly scope: { readonly last?: number; readonly since?: string };
  /** True for a migration under test. */
  readonly pick: (m: MigrationFile, i: number) => boolean;
  /** How they were chosen, for the report: `since merge-base with origin/main (abc1234)`. */
  readonly selection: Selection;
}

export interface Selection {
  readonly kind: "merge-base" | "last" | "newest";
  readonly description: string;
  /** The branch or revision compared with, and the merge-base commit (short). */
  readonly base?: string;
  readonly commit?: string;
}

export function underTest(
  all: readonly MigrationFile[],
  request: { readonly last?: number; readonly base?: string },
  dir: string,
): UnderTest {
  const chosen = (scope: UnderTest["scope"], selected: Selection): UnderTest => ({
    scope,
    pick: selection(all, scope, dir),
    selection: selected,
  });
  const newest = (why: string) => chosen({ last: 1 }, { kind: "newest", description: `the newest migration (${why})` });
  if (request.base === undefined && request.last !== undefined)
    return chosen({ last: request.last }, { kind: "last", description: `the newest ${request.last} (--last)` });

  let base = request.base;
  if (base === undefined) {
    if (!quietGit(["rev-parse", "--is-inside-work-tree"], dir)) return newest("not in a git repository");
    base = defaultBranch(dir);
    if (!base) return newest("no default branch: no origin/HEAD, main or master");
  }
  const commit =
    quietGit(["merge-base", "HEAD", base], dir) ??
    (request.base === undefined ? undefined : git(["merge-base", "HEAD", base], dir, `--base ${base}`).toString());
  if (!commit) return newest(`no merge-base with ${base}`);
  const short = commit.trim().slice(0, 7);
  const scope = { ...(request.last !== undefined ? { last: request.last } : {}), since: `git:${commit.trim()}` };
  const since = `since merge-base with ${base} (${short})`;
  const picked = chosen(scope, {
    kind: "merge-base",
    description: `added or changed ${since}${request.last !== undefined ? `, of the newest ${request.last}` : ""}`,
    base,
    commit: short,
  });
  // On the default branch itself nothing is new: check what was merged last instead.
  if (request.base === undefined && !all.some(picked.pick)) return newest(`none added ${since}`);
  return picked;
}

/** `origin/HEAD`'s branch (`origin/main`), else `main`, else `master`; undefined when none exists. */
function defaultBranch(dir: string): string | undefined {
  const remote = quietGit(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], dir)?.trim();
  if (remote) return remote;
  return ["main", "master"].find((b) => quietGit(["rev-parse", "--verify", "--quiet", `${b}^{commit}`], dir));
}

/** git's output, or undefined when git fails (not a repository, no such ref). */
function quietGit(args: readonly string[], dir: string): string | undefined {
  try {
    return git(args, dir, "git").toString();
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
}
