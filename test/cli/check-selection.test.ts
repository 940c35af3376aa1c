/**
 * What `check` checks (DESIGN.md §4b): the migrations added since the merge-base with the default
 * branch, all of them linted and verified, each named in the report with the selection used;
 * `--base REF` and `--last N` to choose; the newest when there is no git.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/check/result.js";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const DIR = "db/migrations";
const migration = (up: string, down: string) => `-- migrate:up\n${up}\n\n-- migrate:down\n${down}\n`;
const BASE: Record<string, string> = {
  "20260101000000_users.sql": migration(
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
    "DROP TABLE users;",
  ),
  "20260101000001_tags.sql": migration("CREATE TABLE tags (id bigint PRIMARY KEY);", "DROP TABLE tags;"),
};
/** What a branch adds, as `plan --name x` would: three files, the first with a down that forgets an index. */
const ADDED: Record<string, string> = {
  "20260201000000_x_1.sql": migration(
    "ALTER TABLE users ADD COLUMN nick text;\nCREATE INDEX users_nick_idx ON users (nick);",
    "ALTER TABLE users DROP COLUMN nick;\nCREATE TABLE leftover (id int);",
  ),
  "20260201000001_x_2.sql": migration("ALTER TABLE tags ADD COLUMN label text;", "ALTER TABLE tags DROP COLUMN label;"),
  "20260201000002_x_3.sql": migration("CREATE TABLE notes (id bigint PRIMARY KEY);", "DROP TABLE notes;"),
};
const shown = (names: Record<string, string>) => Object.keys(names).map((n) => `${DIR}/${n}`);

function write(dir: string, files: Record<string, string>): void {
  mkdirSync(join(dir, DIR), { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, DIR, name), body);
}

/** A repository whose `main` holds BASE; on branch `feature`, ADDED: two committed, one not yet. */
function repository(): { dir: string; git: (...args: string[]) => string } {
  const dir = tempDir();
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir }).toString();
  git("init", "-q", "-b", "main");
  write(dir, BASE);
  git("add", ".");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "feature");
  const [first, second, third] = Object.entries(ADDED);
  write(dir, Object.fromEntries([first!, second!]));
  git("add", ".");
  git("commit", "-qm", "x");
  write(dir, Object.fromEntries([third!]));
  return { dir, git };
}

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

const check = async (dir: string, ...args: string[]) => {
  // Run inside the project, as a user does: files are named from the current folder.
  const run = await runCli(["check", ".", "--cache-dir", TEST_CACHE, ...args], dir);
  expect(run.stderr).toBe("");
  return run;
};
const json = async (dir: string, ...args: string[]) =>
  JSON.parse((await check(dir, "--format", "json", ...args)).stdout) as CheckResult;

describe.each(engines)("check: the migrations added since the merge-base with the default branch (%s)", (_e, dev) => {
  it("lints and verifies all three a branch adds, and names them with the selection", async () => {
    const { dir, git } = repository();
    const base = git("rev-parse", "--short=7", "main").trim();
    const result = await json(dir, ...dev);
    expect(result.selection).toEqual({
      kind: "merge-base",
      description: `added or changed since merge-base with main (${base})`,
      base: "main",
      commit: base,
    });
    expect(result.files.map((f) => f.file)).toEqual(shown(ADDED));
    expect(result.verify.map((v) => v.file)).toEqual(shown(ADDED));
    // Not only the newest: the first of the three is linted and its down verified.
    const first = shown(ADDED)[0]!;
    expect(result.findings.filter((f) => f.file === first).map((f) => f.rule)).toEqual(
      expect.arrayContaining(["down-differs", "require-concurrent-index"]),
    );
    expect(result.verdict).toBe("BLOCK");

    const pretty = (await check(dir, ...dev)).stdout;
    expect(pretty).toContain(
      `Migrations under test (linted and verified): added or changed since merge-base with main (${base}).`,
    );
    for (const f of shown(ADDED)) expect(pretty).toContain(f);
    const markdown = (await check(dir, "--format", "markdown", ...dev)).stdout;
    expect(markdown).toContain(`since merge-base with main (${base})`);
    const github = (await check(dir, "--format", "github", ...dev)).stdout;
    for (const f of shown(ADDED))
      expect(github).toContain(`::notice file=${f},line=1,title=migrations-checked::lint, verify`);
    const sarif = JSON.parse((await check(dir, "--format", "sarif", ...dev)).stdout);
    const notes = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "migrations-checked");
    expect(notes.map((r: { message: { text: string } }) => r.message.text)).toHaveLength(3);
  }, 240_000);
});

describe("check: other selections", () => {
  it("origin/HEAD names the default branch before main", async () => {
    const { dir, git } = repository();
    git("update-ref", "refs/remotes/origin/trunk", "main");
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk");
    const result = await json(dir);
    expect(result.selection.description).toMatch(
      /^added or changed since merge-base with origin\/trunk \([0-9a-f]{7}\)$/,
    );
    expect(result.files.map((f) => f.file)).toEqual(shown(ADDED));
  }, 120_000);

  it("on the default branch, with nothing added: the newest, and says why", async () => {
    const { dir, git } = repository();
    git("stash", "-qu");
    git("checkout", "-q", "main");
    const result = await json(dir);
    expect(result.selection.kind).toBe("newest");
    expect(result.selection.description).toMatch(/^the newest migration \(none added since merge-base with main \(/);
    expect(result.files.map((f) => f.file)).toEqual([`${DIR}/20260101000001_tags.sql`]);
    expect(result.verdict).toBe("PASS");
  }, 120_000);

  it("--base REF and --last N choose", async () => {
    const { dir, git } = repository();
    git("branch", "older", "main");
    const viaBase = await json(dir, "--base", "older");
    expect(viaBase.selection.description).toMatch(/^added or changed since merge-base with older \(/);
    expect(viaBase.files).toHaveLength(3);
    const last = await json(dir, "--last", "2");
    expect(last.selection).toEqual({ kind: "last", description: "the newest 2 (--last)" });
    expect(last.files.map((f) => f.file)).toEqual(shown(ADDED).slice(1));
    const bad = await runCli(["check", dir, "--base", "nosuchref", "--cache-dir", TEST_CACHE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--base nosuchref: git: fatal/);
  }, 120_000);

  it("no git: the newest migration only, and the report says so", async () => {
    const dir = tempDir();
    write(dir, { ...BASE, ...ADDED });
    const result = await json(dir);
    expect(result.selection).toEqual({ kind: "newest", description: "the newest migration (not in a git repository)" });
    expect(result.files.map((f) => f.file)).toEqual([`${DIR}/20260201000002_x_3.sql`]);
    const pretty = (await check(dir)).stdout;
    expect(pretty).toContain(
      "Migrations under test (linted and verified): the newest migration (not in a git repository).",
    );
  }, 120_000);
});
