import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { expectValidSarif } from "../helpers/sarif-schema.js";
import { folderOf, runCli, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

/**
 * A monorepo: the repository root holds the project in `sub/project`. Commands run from the root
 * must name files from there (GitHub places annotations by those paths), and SARIF uris must
 * resolve from the repository root even when the command runs below it.
 */
const FILE = "sub/project/migrations/0002_index.sql";
let repo: string;

beforeAll(() => {
  repo = realpathSync(
    folderOf({
      "sub/project/migrations/0001_init.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
      "sub/project/migrations/0001_init.down.sql": "DROP TABLE users;\n",
      "sub/project/migrations/0002_index.sql": "CREATE INDEX users_email ON users (email);\n",
      "sub/project/migrations/0002_index.down.sql": "DROP INDEX users_email;\n",
    }),
  );
  execFileSync("git", ["init", "-q"], { cwd: repo });
});

const cli = (cwd: string, ...args: string[]) => runCli([...args, "--cache-dir", TEST_CACHE], cwd);

describe("paths in every format are relative to the current folder", () => {
  it("check sub/project --format github annotates files from the repository root", async () => {
    const run = await cli(repo, "check", "sub/project", "--format", "github");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(
      new RegExp(`^::warning file=${FILE},line=1,col=1,title=require-concurrent-index::`, "m"),
    );
    expect(run.stdout).not.toMatch(/file=migrations\//);
  }, 120_000);

  it("check sub/project --format json names the project, its files and findings from the current folder", async () => {
    const run = await cli(repo, "check", "sub/project", "--format", "json");
    const json = JSON.parse(run.stdout) as {
      project: { migrations: string };
      files: { file: string }[];
      findings: { file?: string }[];
    };
    expect(json.project.migrations).toBe("sub/project/migrations");
    expect(json.files.map((f) => f.file)).toEqual([FILE]);
    const files = new Set(json.findings.map((f) => f.file).filter(Boolean));
    expect([...files]).toEqual([FILE]);
  }, 120_000);

  it("check --format pretty and markdown show the same paths", async () => {
    const pretty = await cli(repo, "check", "sub/project");
    expect(pretty.stdout).toContain(`${FILE}:1:1`);
    expect(pretty.stdout).toMatch(/^Lockstep check: sql \(sql, postgresql\), sub\/project\/migrations: WARN$/m);
    const markdown = await cli(repo, "check", "sub/project", "--format", "markdown");
    expect(markdown.stdout).toContain("sub/project/migrations/0002\\_index.sql:1:1");
  }, 120_000);

  it("check --format sarif: uris from the repository root, declared as SRCROOT, also when run below it", async () => {
    for (const [cwd, dir] of [
      [repo, "sub/project"],
      [`${repo}/sub`, "project"],
    ] as const) {
      const run = await cli(cwd, "check", dir, "--format", "sarif");
      expectValidSarif(run.stdout);
      const log = JSON.parse(run.stdout) as {
        runs: {
          originalUriBaseIds: Record<string, { uri: string }>;
          results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[];
        }[];
      };
      const [first] = log.runs;
      expect(first!.originalUriBaseIds).toEqual({ SRCROOT: { uri: `file://${repo}/` } });
      const locations = first!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
      expect(locations.length).toBeGreaterThan(0);
      for (const l of locations) expect(l).toEqual({ uri: FILE, uriBaseId: "SRCROOT" });
    }
  }, 240_000);

  it("lint, verify and trace from the parent name the files as given", async () => {
    const lint = await cli(repo, "lint", "sub/project/migrations", "--format", "github");
    expect(lint.stdout).toMatch(new RegExp(`^::warning file=${FILE},line=1`, "m"));
    const verify = await cli(repo, "verify", "sub/project/migrations", "--format", "json");
    const verified = JSON.parse(verify.stdout) as { migrations: { file: string }[] };
    expect(verified.migrations.map((m) => m.file)).toEqual(["sub/project/migrations/0001_init.sql", FILE]);
    const trace = await cli(repo, "trace", "sub/project/migrations", "--format", "json");
    const traced = JSON.parse(trace.stdout) as { statements: { file: string }[] };
    expect(traced.statements.map((s) => s.file)).toEqual([FILE]);
  }, 120_000);
});
