/**
 * One deploy at a time (DESIGN.md §4b): a plan that spans deploys writes only its first deploy
 * into the migrations folder, keeps the rest in .lockstep/pending/<name>, and `plan --next` writes
 * the next one after checking the folder did not change. Every file written is then verified on
 * the engine (up, down, up).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { FormatName } from "../../src/frameworks/framework.js";
import { planNext } from "../../src/commands/plan-next.js";
import type { PendingPlan } from "../../src/plan/pending.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

const BEFORE = "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  age integer\n);\n";
const AFTER = "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  full_name text NOT NULL\n);\n";
const PENDING = join(".lockstep", "pending", "rename_name");

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

const FORMATS: readonly FormatName[] = ["sql", "dbmate", "golang-migrate", "flyway", "diesel", "prisma"];

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** A project whose folder `m` holds one migration (in `format`) creating BEFORE; AFTER renames and drops. */
async function project(format: FormatName, dev: readonly string[]): Promise<string> {
  const dir = folderOf({ "before.sql": BEFORE, "after.sql": AFTER });
  const init = await runCli(
    [
      "plan",
      "--to",
      "before.sql",
      "--out",
      "m",
      "--writer",
      format,
      "--name",
      "init",
      "--cache-dir",
      TEST_CACHE,
      ...dev,
    ],
    dir,
  );
  expect(init.stderr).toBe("");
  expect(init.code).toBe(0);
  return dir;
}

const planRename = (dir: string, dev: readonly string[], ...extra: string[]) =>
  runCli(
    [
      "plan",
      "--from",
      "m",
      "--to",
      "after.sql",
      "--out",
      "m",
      "--name",
      "rename_name",
      "--rename",
      "users.name=full_name",
      "--allow-breaking",
      "--format",
      "json",
      "--cache-dir",
      TEST_CACHE,
      ...dev,
      ...extra,
    ],
    dir,
  );

const next = (dir: string, dev: readonly string[], ...extra: string[]) =>
  runCli(["plan", "--next", "--format", "json", "--cache-dir", TEST_CACHE, ...dev, ...extra], dir);

const manifest = (dir: string): PendingPlan => JSON.parse(readFileSync(join(dir, PENDING, "plan.json"), "utf8"));

for (const [engine, dev] of engines) {
  // The server runs every format too; it is the engine production has.
  describe(`one deploy at a time (${engine})`, () => {
    for (const format of FORMATS) {
      it(`${format}: deploy 1 in the folder, 2 and 3 by plan --next, every file verified up and down`, async () => {
        const dir = await project(format, dev);
        const migrations = join(dir, "m");
        const initial = tree(migrations);

        const first = await planRename(dir, dev);
        expect(first.stderr).toBe("");
        expect(first.code).toBe(0);
        const planned = JSON.parse(first.stdout);
        expect(planned.steps.map((s: { phase: string }) => s.phase)).toEqual([
          "expand",
          "backfill",
          "contract",
          "contract",
          "contract",
        ]);
        expect(planned.deploys).toBe(3);
        expect(planned.deploysRemaining).toBe(2);
        expect(planned.pending).toBe(PENDING);
        // Only the expand step's files are in the folder.
        const added = tree(migrations).filter((f) => !initial.includes(f));
        expect(added.length).toBeGreaterThan(0);
        expect(added.every((f) => /rename_name_1_expand/.test(f) || f === "migration_lock.toml")).toBe(true);
        expect(tree(join(dir, PENDING))).toEqual(["README.md", "plan.json"]);
        const kept = manifest(dir);
        expect(kept).toMatchObject({ name: "rename_name", format, migrations: "m", deploys: 3, steps: 5 });
        expect(kept.remaining.map((d) => [d.deploy, d.steps.map((s) => s.phase)])).toEqual([
          [2, ["backfill"]],
          [3, ["contract", "contract", "contract"]],
        ]);
        expect(kept.remaining[1]!.steps[2]!.up.join("\n")).toContain("DROP COLUMN name");
        expect(readFileSync(join(dir, PENDING, "README.md"), "utf8")).toContain("## Deploy 3 of 3");

        const second = await next(dir, dev);
        expect(second.stderr).toBe("");
        expect(second.code).toBe(0);
        const deploy2 = JSON.parse(second.stdout);
        expect(deploy2.deploysRemaining).toBe(1);
        expect(deploy2.files.every((f: string) => /rename_name_2_backfill/.test(f))).toBe(true);
        expect(manifest(dir).remaining.map((d) => d.deploy)).toEqual([3]);

        const third = await next(dir, dev);
        expect(third.code).toBe(0);
        const deploy3 = JSON.parse(third.stdout);
        expect(deploy3.deploysRemaining).toBe(0);
        expect(deploy3.pending).toBeUndefined();
        expect(deploy3.files.join("\n")).toMatch(/rename_name_5_contract/);
        expect(existsSync(join(dir, ".lockstep"))).toBe(false);

        // Every migration written, run up, down and up again on the engine.
        const verified = await runCli(["verify", "m", "--format", "json", "--cache-dir", TEST_CACHE, ...dev], dir);
        const report = JSON.parse(verified.stdout);
        expect(report.migrations).toHaveLength(6);
        for (const m of report.migrations)
          expect([m.file, m.up, m.down, m.roundTrip]).toEqual([m.file, "ok", "ok", "equal"]);
        expect(verified.code).toBe(0);

        // Nothing left: a clear message, exit 2.
        const none = await next(dir, dev);
        expect(none.code).toBe(2);
        expect(none.stderr).toMatch(/nothing pending: no plan kept in \.lockstep\/pending/);
      }, 240_000);
    }

    it("plan --next after the migrations folder changed: BLOCK naming what changed, nothing written", async () => {
      const dir = await project("sql", dev);
      expect((await planRename(dir, dev)).code).toBe(0);
      writeFileSync(join(dir, "m", "0003_extra.sql"), "CREATE TABLE extra (id int);\n");
      writeFileSync(join(dir, "m", "0003_extra.down.sql"), "DROP TABLE extra;\n");
      const before = tree(join(dir, "m"));
      const kept = readFileSync(join(dir, PENDING, "plan.json"), "utf8");
      const run = await next(dir, dev);
      expect(run.code).toBe(1);
      const result = JSON.parse(run.stdout);
      expect(result.verdict).toBe("BLOCK");
      expect(result.files).toEqual([]);
      const changed = result.findings.find((f: { rule: string }) => f.rule === "pending-changed");
      expect(changed.message).toMatch(/table extra is new/);
      expect(tree(join(dir, "m"))).toEqual(before);
      expect(readFileSync(join(dir, PENDING, "plan.json"), "utf8")).toBe(kept);
    }, 120_000);
  });
}

describe("one deploy at a time in a detected project", () => {
  it("pending goes to the project root; --next finds it there; a new preview warns of it", async () => {
    const dir = folderOf({ "schema.sql": BEFORE });
    const args = ["--cache-dir", TEST_CACHE, "--format", "json"];
    // A plain-SQL project: migrations/ (made by a first plan) and schema.sql at the root.
    expect(
      (await runCli(["plan", "--to", "schema.sql", "--out", "migrations", "--name", "init", ...args], dir)).code,
    ).toBe(0);
    writeFileSync(join(dir, "schema.sql"), AFTER);
    const first = await runCli(
      ["plan", "--name", "rename_name", "--rename", "users.name=full_name", "--allow-breaking", ...args],
      dir,
    );
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).pending).toBe(PENDING);
    expect(manifest(dir).migrations).toBe("migrations");
    const preview = JSON.parse((await runCli(["plan", "--allow-breaking", ...args], dir)).stdout);
    expect(preview.findings.find((f: { rule: string }) => f.rule === "pending-deploys")).toMatchObject({
      severity: "warning",
    });
    const second = await runCli(["plan", "--next", ...args], join(dir, "migrations"));
    expect(second.code).toBe(2);
    const fromRoot = await runCli(["plan", "--next", "--project", "..", ...args], join(dir, "migrations"));
    expect(fromRoot.stderr).toBe("");
    expect(JSON.parse(fromRoot.stdout).deploysRemaining).toBe(1);
  }, 120_000);
});

describe("one deploy at a time: what is refused", () => {
  it("an edited deploy-1 migration: BLOCK naming the table, nothing written", async () => {
    const dir = await project("sql", []);
    expect((await planRename(dir, [])).code).toBe(0);
    const expand = tree(join(dir, "m")).find((f) => /1_expand\.sql$/.test(f))!;
    writeFileSync(
      join(dir, "m", expand),
      `${readFileSync(join(dir, "m", expand), "utf8")}\nALTER TABLE users ADD COLUMN extra int;\n`,
    );
    const run = await next(dir, []);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings[0].message).toMatch(/table users changed\. Nothing written/);
    expect(existsSync(join(dir, PENDING, "plan.json"))).toBe(true);
  }, 120_000);

  it("a new plan written while another keeps deploys: BLOCK, nothing written", async () => {
    const dir = await project("sql", []);
    expect((await planRename(dir, [])).code).toBe(0);
    const files = tree(join(dir, "m"));
    writeFileSync(join(dir, "after2.sql"), `${AFTER}CREATE TABLE tags (id int PRIMARY KEY);\n`);
    const args = ["plan", "--from", "m", "--to", "after2.sql", "--format", "json", "--cache-dir", TEST_CACHE];
    const written = await runCli([...args, "--out", "m", "--name", "tags", "--allow-breaking"], dir);
    expect(written.code).toBe(1);
    const blocked = JSON.parse(written.stdout);
    expect(blocked.findings.find((f: { rule: string }) => f.rule === "pending-deploys")).toMatchObject({
      severity: "error",
      file: PENDING,
    });
    expect(tree(join(dir, "m"))).toEqual(files);
  }, 120_000);

  it("--next with flags it does not take, a manifest that does not parse, or several plans: exit 2", async () => {
    const dir = folderOf({ [join(PENDING, "plan.json")]: "{ not json", "m/0001_init.sql": BEFORE });
    const flag = await runCli(["plan", "--next", "--to", "after.sql"], dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--next .*--to does not apply/);
    const bad = await next(dir, []);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/plan\.json: not a Lockstep pending plan/);
    writeFileSync(join(dir, PENDING, "plan.json"), JSON.stringify({ lockstep: 1, name: "x" }));
    expect((await next(dir, [])).stderr).toMatch(/plan\.json: not a Lockstep pending plan \(version 1/);
    const kept = (name: string, created: string) =>
      JSON.stringify({
        lockstep: 1,
        name,
        created,
        format: "sql",
        migrations: "m",
        deploys: 2,
        steps: 2,
        expected: { hash: "a", objects: {} },
        remaining: [{ deploy: 2, steps: [], after: { hash: "b", objects: {} } }],
      });
    writeFileSync(join(dir, PENDING, "plan.json"), kept("rename_name", "2026-01-02T00:00:00Z"));
    const other = folderOf({ "plan.json": kept("other", "2026-01-01T00:00:00Z") });
    await import("node:fs").then((fs) =>
      fs.cpSync(other, join(dir, ".lockstep", "pending", "other"), { recursive: true }),
    );
    const several = await next(dir, []);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(
      /several plans are pending in \.lockstep\/pending \(other, rename_name\): pass --name NAME/,
    );
    const unknown = await next(dir, [], "--name", "nope");
    expect(unknown.stderr).toMatch(/--name nope: no such pending plan .*\(pending: other, rename_name\)/);
  });

  it("--with-docs: the guide is traced and covers every deploy; the later deploys are still kept", async () => {
    const dir = await project("sql", []);
    const run = await planRename(dir, [], "--with-docs");
    expect(run.code).toBe(0);
    const guide = tree(join(dir, "m")).find((f) => f.endsWith(".guide.md"))!;
    const text = readFileSync(join(dir, "m", guide), "utf8");
    expect(text).toContain("Traced on a throwaway database");
    expect(text).toContain("5 steps over 3 phases");
    expect(manifest(dir).remaining).toHaveLength(2);
  }, 120_000);

  it("a pending folder of the same name in the way: exit 2, no migration written", async () => {
    const dir = await project("sql", []);
    const files = tree(join(dir, "m"));
    mkdirSync(join(dir, PENDING), { recursive: true });
    writeFileSync(join(dir, PENDING, "notes.txt"), "mine\n");
    const run = await planRename(dir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^lockstep: \.lockstep\/pending\/rename_name: a pending plan of this name is already kept here/,
    );
    expect(tree(join(dir, "m"))).toEqual(files);
    expect(tree(join(dir, PENDING))).toEqual(["notes.txt"]);
  }, 120_000);

  it("the library: planNext with nothing pending rejects with an InputError", async () => {
    await expect(planNext({ cwd: folderOf({}) })).rejects.toThrow(
      /^nothing pending: no plan kept in \.lockstep\/pending/,
    );
  });

  it("a plan of one deploy keeps nothing pending", async () => {
    const dir = await project("sql", []);
    writeFileSync(join(dir, "after.sql"), `${BEFORE}CREATE TABLE tags (id int PRIMARY KEY);\n`);
    const run = await runCli(
      [
        "plan",
        "--from",
        "m",
        "--to",
        "after.sql",
        "--out",
        "m",
        "--name",
        "tags",
        "--format",
        "json",
        "--cache-dir",
        TEST_CACHE,
      ],
      dir,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([result.deploys, result.deploysRemaining, result.pending]).toEqual([1, 0, undefined]);
    expect(existsSync(join(dir, ".lockstep"))).toBe(false);
  }, 120_000);
});
