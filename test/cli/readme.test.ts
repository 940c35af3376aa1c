/**
 * Every command the READMEs show, run as written in a fresh clone of this checkout (its uncommitted
 * edits laid over it): the first set-up command (`npm ci && npx lockstep check examples/shop`)
 * installs and builds it, then each command runs through the real `npx` in the folder its block
 * `cd`s to, and its exit code and a key line are asserted. A command with placeholders is a
 * synopsis (its flags are compared with --help in help-readme.test.ts); npm scripts that run this
 * suite or take minutes are checked to exist. A command the READMEs show and this file does not
 * know fails the test, and so does an entry here that the READMEs no longer show.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/build.js";
import { tempDir } from "../support.js";

export interface ShownCommand {
  readonly readme: string;
  /** The folder the block `cd`s to before it, relative to the clone ("" for its root). */
  readonly cwd: string;
  readonly command: string;
}

/** Commands in ```sh blocks (comments cut, continuation lines joined) and `$ ` lines of ```text blocks. */
export function shownCommands(markdown: string, readme: string): ShownCommand[] {
  const out: ShownCommand[] = [];
  for (const block of markdown.matchAll(/^```(sh|text)\n([\s\S]*?)^```$/gm)) {
    const [, lang, body] = block;
    let cwd = "";
    const lines: string[] = [];
    for (const raw of body!.split("\n")) {
      if (lang === "text") {
        if (raw.startsWith("$ ")) lines.push(raw.slice(2));
        continue;
      }
      const line = raw.replace(/\s+#.*$/, "");
      if (/^ {6,}\S/.test(line) && lines.length) lines[lines.length - 1] += ` ${line.trim()}`;
      else if (line.trim()) lines.push(line.trim());
    }
    for (const command of lines) {
      out.push({ readme, cwd, command });
      const cd = /^cd (\S+)$/.exec(command);
      if (cd) cwd = cd[1]!;
    }
  }
  return out;
}

type Check =
  /**
   * Run as written in the block's folder (fresh, as the block leaves it), or `in` a folder that is
   * what the README assumes the reader has (a Prisma project, a db/migrations folder): its exit code
   * and a line of its output, and a migration it wrote.
   */
  | {
      readonly code: number;
      readonly output: RegExp;
      /** Output it must not print. */
      readonly not?: RegExp;
      readonly in?: string;
      readonly wrote?: RegExp;
      readonly timeout?: number;
    }
  | { readonly synopsis: true }
  | { readonly cd: true }
  /** `npm test`, `npm run …`, `.ci/run`: the script exists; why it is not run here. */
  | { readonly exists: string; readonly reason: string };

/** npm names the install-time scripts a dependency has (npm 11: "not yet covered by allowScripts"). */
const NO_BUILD = /lockstep@[\d.]+ \((prepare|preinstall|install|postinstall)/;

const MAIN = "README.md";
const EXAMPLE = "examples/prisma-shop/README.md";
const synopsis = { synopsis: true } as const;

/** What each shown command must do, keyed `readme | cwd | command`. */
const CHECKS: Record<string, Check> = {
  "README.md |  | npx lockstep lint examples/sqlite-notes/migrations --dialect sqlite": {
    code: 0,
    output: /^Verdict: PASS$/m,
  },
  "README.md |  | npx lockstep verify examples/sqlite-notes/migrations --dialect sqlite": {
    code: 0,
    output: /rewrote notes/,
  },
  "README.md |  | npx lockstep plan --from examples/sqlite-notes/migrations --to examples/sqlite-notes/schema.sql --dialect sqlite":
    { code: 0, output: /^ {7}ALTER TABLE notebooks ADD COLUMN archived_at TEXT;$/m },
  "README.md |  | npm ci && npx lockstep check examples/shop": {
    code: 0,
    output: /^Lockstep check: sql \(dbmate, postgresql\), examples\/shop\/migrations: WARN$/m,
    timeout: 400_000,
  },
  "README.md |  | npm test": { exists: "test", reason: "this suite itself" },
  "README.md |  | npx lockstep plan --from <current> --to <desired> [options]": synopsis,
  "README.md |  | cd my-prisma-app": { cd: true },
  "README.md | my-prisma-app | npx lockstep plan": { code: 0, output: /^Preview: nothing written\./m },
  "README.md | my-prisma-app | npx lockstep plan --name add_avatar": {
    code: 0,
    output: /^Files written$/m,
    wrote: /_add_avatar_2$/,
  },
  "README.md |  | cd examples/prisma-shop": { cd: true },
  "README.md | examples/prisma-shop | npm install": { code: 0, output: /added 1 package/, not: NO_BUILD },
  "README.md | examples/prisma-shop | npx lockstep plan": {
    code: 0,
    output: /^ {2}RISKY {4}add_index Order Order_userId_placedAt_idx$/m,
  },
  "README.md | examples/prisma-shop | npx lockstep plan --name add_avatar": {
    code: 0,
    output: /^Verdict: PASS$/m,
    wrote: /_add_avatar_1$/,
  },
  "README.md | examples/prisma-shop | npx lockstep check": {
    code: 0,
    output: /^prisma\/schema\.prisma matches what the migrations build: nothing left to migrate\.$/m,
  },
  "README.md |  | npx lockstep plan --from prisma/migrations --to prisma/schema.prisma": {
    in: "prisma-project",
    code: 0,
    output: /^ {2}SAFE {5}add_column User\.avatarUrl$/m,
  },
  "README.md |  | npx lockstep plan --from git:HEAD:prisma/schema.prisma --to prisma/schema.prisma": {
    in: "prisma-project",
    code: 0,
    output: /^Verdict: PASS$/m,
  },
  "README.md |  | npx lockstep plan --from examples/shop/migrations --to examples/shop/schema.sql": {
    code: 0,
    output: /^ {2}RISKY {4}add_unique customers customers_email_key$/m,
  },
  "README.md |  | npx lockstep diff --from <current> --to <desired> [--rename SPEC] [--format pretty|json|markdown]":
    synopsis,
  "README.md |  | npx lockstep diff --from examples/shop/migrations --to examples/shop/schema.sql": {
    code: 0,
    output:
      /^ {2}RISKY {4}add_unique customers customers_email_key\n(?:.*\n)+7 changes: 4 risky, 3 safe\n\nVerdict: WARN$/m,
  },
  "README.md |  | npx lockstep inspect <source> [--dev-url postgres://…] [--format pretty|json]": synopsis,
  "README.md |  | npx lockstep lint db/migrations/20261122_add_index.sql [--schema <source>] [--format pretty|json|sarif|github|markdown]":
    synopsis,
  "README.md |  | npx lockstep lint db/migrations/": { in: "shop-project", code: 0, output: /^Verdict: PASS$/m },
  "README.md |  | npx lockstep trace db/migrations/ [--last N|all] [--dev-url postgres://…] [--format …]": synopsis,
  "README.md |  | npx lockstep verify db/migrations/ [--last N | --since git:REF] [--rows N] [--dev-url postgres://…] [--format …]":
    synopsis,
  "README.md |  | npx lockstep check [project dir] [--migrations DIR] [--schema FILE] [--last N | --base REF] [--rows N] [--changelog FILE] [--format pretty|json|markdown|sarif|github]":
    synopsis,
  "README.md |  | npx lockstep check examples/shop": {
    code: 0,
    output: /^WARN: deployable, with the warnings above read and the checklist done\.$/m,
  },
  "README.md |  | npx lockstep plan --next [--name NAME]": synopsis,
  "README.md |  | npx lockstep plan --next": {
    in: "pending-project",
    code: 0,
    output: /^Deploys remaining: 1 of 3, kept in \.lockstep\/pending\/rename_x\./m,
  },
  "README.md |  | npx lockstep plan --next --name rename_x": {
    in: "pending-project",
    code: 0,
    output: /^Deploys remaining: 1 of 3, kept in \.lockstep\/pending\/rename_x\./m,
  },
  "README.md |  | npx lockstep downs [dir] [--write] [--strict] [--rows N] [--postgres-version N] [--dev-url postgres://…] [--format …]":
    synopsis,
  "README.md |  | npx lockstep downs": {
    in: "prisma-without-downs",
    code: 0,
    output: /^ {2}would write: 4 \(preview: pass --write\)$/m,
  },
  "README.md |  | npx lockstep downs prisma/migrations --write": {
    in: "prisma-without-downs",
    code: 0,
    output: /^ {2}written: 4$/m,
  },
  "README.md |  | npx lockstep downs db/migrations --strict --format json": {
    in: "shop-project",
    code: 0,
    output: /"status": "exists"/,
  },
  "README.md |  | npm run bench:tables": { exists: "bench:tables", reason: "a benchmark: minutes" },
  "README.md |  | .ci/run": { exists: ".ci/run", reason: "starts the servers and runs this suite" },
  "README.md |  | npm run lint": { exists: "lint", reason: "the lint gate, run before each commit" },
  "README.md |  | npm run bench": { exists: "bench", reason: "a benchmark: minutes" },
  "README.md |  | npm run bench:lint": { exists: "bench:lint", reason: "a benchmark: minutes" },
  "README.md |  | npm run bench:verify": { exists: "bench:verify", reason: "a benchmark: minutes" },
  "examples/prisma-shop/README.md |  | cd examples/prisma-shop": { cd: true },
  "examples/prisma-shop/README.md | examples/prisma-shop | npm install": {
    code: 0,
    output: /added 1 package/,
    not: NO_BUILD,
  },
  "examples/prisma-shop/README.md | examples/prisma-shop | npx lockstep plan": {
    code: 0,
    output: /^Preview: nothing written\./m,
  },
  "examples/prisma-shop/README.md | examples/prisma-shop | npx lockstep plan --name add_avatar": {
    code: 0,
    output: /^Files written$/m,
    wrote: /_add_avatar_2$/,
  },
  "examples/prisma-shop/README.md | examples/prisma-shop | npx lockstep check": {
    code: 0,
    output: /^Verdict\n-------\nPASS: safe to deploy\.$/m,
  },
};

const keyOf = (c: ShownCommand) => `${c.readme} | ${c.cwd} | ${c.command}`;
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const SHOWN = [...shownCommands(read(MAIN), MAIN), ...shownCommands(read(EXAMPLE), EXAMPLE)];

describe("reading commands from a README", () => {
  it("takes sh lines (comments cut, continuations joined), `$ ` lines of text blocks, and the cd before", () => {
    const md = [
      "```sh",
      "cd app",
      "npx lockstep plan   # preview",
      "npx lockstep check [--a]",
      "                   [--b]",
      "```",
      "```text",
      "$ npx lockstep lint x",
      "output line",
      "```",
      "```ts",
      "not = a.command;",
      "```",
    ].join("\n");
    expect(shownCommands(md, "R")).toEqual([
      { readme: "R", cwd: "", command: "cd app" },
      { readme: "R", cwd: "app", command: "npx lockstep plan" },
      { readme: "R", cwd: "app", command: "npx lockstep check [--a] [--b]" },
      { readme: "R", cwd: "", command: "npx lockstep lint x" },
    ]);
  });

  it("knows every command the READMEs show, and shows every command it knows", () => {
    const shown = SHOWN.map(keyOf);
    expect(
      shown.filter((k) => !(k in CHECKS)),
      "commands shown with no check here",
    ).toEqual([]);
    expect(
      Object.keys(CHECKS).filter((k) => !shown.includes(k)),
      "checks of commands no longer shown",
    ).toEqual([]);
  });

  it("only a command with a placeholder is a synopsis", () => {
    for (const c of SHOWN) {
      const check = CHECKS[keyOf(c)]!;
      expect("synopsis" in check, c.command).toBe(/[<[…]/.test(c.command));
    }
  });
});

const isGit = existsSync(join(ROOT, ".git"));

/** A clone of this checkout with its uncommitted edits (and new files) laid over it. */
function freshClone(): string {
  const dir = join(tempDir("lockstep-readme-"), "lockstep");
  execFileSync("git", ["clone", "--quiet", ROOT, dir]);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const changed = git("ls-files", "--modified", "--others", "--exclude-standard").split("\n").filter(Boolean);
  for (const file of new Set(changed)) {
    if (existsSync(join(ROOT, file))) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(ROOT, file), join(dir, file));
    } else rmSync(join(dir, file), { force: true });
  }
  return dir;
}

function sh(command: string, cwd: string, timeout: number) {
  // Registry look-ups may be answered from npm's cache: the commands themselves are as written.
  const env = {
    ...process.env,
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
  const r = spawnSync("sh", ["-c", command], { cwd, env, encoding: "utf8", timeout });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!isGit)("every README command, as written, in a fresh clone", () => {
  let clone: string;
  /** Folders made fresh for each block: the example and a Prisma project named as the README names it. */
  const prepared = new Set<string>();

  beforeAll(() => {
    clone = freshClone();
  }, 120_000);

  /** The block's folder as a reader has it before the block's first command. */
  function folderFor(c: ShownCommand, folder: string | undefined): string {
    const where = folder ?? c.cwd;
    const key = folder ? `${keyOf(c)}` : `${c.readme} | ${c.cwd}`;
    const dir = join(clone, where);
    if (where && !prepared.has(key)) {
      prepared.add(key);
      if (where === "examples/prisma-shop") {
        // The block starts from the example as committed (an earlier block wrote migrations into it).
        execFileSync("git", ["checkout", "--quiet", "--", where], { cwd: clone });
        execFileSync("git", ["clean", "-fdxq", "--", where], { cwd: clone });
      } else if (where === "shop-project") {
        // "db/migrations": a project whose migrations are the bundled shop's (dbmate).
        cpSync(join(clone, "examples/shop/migrations"), join(dir, "db/migrations"), { recursive: true });
      } else if (where === "pending-project") {
        // A plain SQL project whose rename plan wrote deploy 1 and keeps deploys 2 and 3 pending.
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const table = (name: string) => `CREATE TABLE users (id bigint PRIMARY KEY, ${name} text NOT NULL, age int);\n`;
        writeFileSync(join(dir, "schema.sql"), table("name"));
        expect(sh("npx lockstep plan --to schema.sql --out db/migrations --name init", dir, 150_000).code).toBe(0);
        writeFileSync(join(dir, "schema.sql"), table("full_name"));
        const rename = "npx lockstep plan --name rename_x --rename users.name=full_name --allow-breaking";
        expect(sh(rename, dir, 150_000).code).toBe(0);
      } else if (where === "prisma-without-downs") {
        // A stock Prisma history: migration.sql files as `prisma migrate dev` writes them, no down.sql.
        cpSync(join(ROOT, "examples/prisma-shop/prisma"), join(dir, "prisma"), {
          recursive: true,
          filter: (path) => !path.endsWith("down.sql"),
        });
      } else if (where === "my-prisma-app" || where === "prisma-project") {
        // "a Prisma project" under git: the example's files, with Lockstep installed from this clone.
        rmSync(dir, { recursive: true, force: true });
        // Copied from this checkout: the clone's example may hold what an earlier block wrote.
        cpSync(join(ROOT, "examples/prisma-shop"), dir, {
          recursive: true,
          filter: (path) => !path.includes("node_modules"),
        });
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        writeFileSync(join(dir, "package.json"), JSON.stringify({ ...pkg, devDependencies: { lockstep: "file:.." } }));
        expect(sh("npm install", dir, 120_000).code).toBe(0);
        writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
        const git = "git -c user.name=t -c user.email=t@t";
        expect(sh(`git init -q && ${git} add -A && ${git} commit -qm model`, dir, 60_000).code).toBe(0);
      }
    }
    return dir;
  }

  for (const shown of SHOWN) {
    const check = CHECKS[keyOf(shown)];
    if (!check || !("code" in check)) continue;
    it(
      `${shown.readme}${shown.cwd ? ` (in ${shown.cwd})` : ""}: ${shown.command}`,
      () => {
        const cwd = folderFor(shown, check.in);
        const migrations = join(cwd, "prisma/migrations");
        const before = existsSync(migrations) ? readdirSync(migrations) : [];
        const run = sh(shown.command, cwd, check.timeout ?? 150_000);
        expect(run.output).toMatch(check.output);
        if (check.not) expect(run.output).not.toMatch(check.not);
        expect(run.code, run.output.slice(-2000)).toBe(check.code);
        if (check.wrote) {
          const added = readdirSync(migrations).filter((f) => !before.includes(f));
          expect(
            added.some((f) => check.wrote!.test(f)),
            added.join(", "),
          ).toBe(true);
        }
      },
      (check.timeout ?? 150_000) + 30_000,
    );
  }

  it("the synopses name real commands", () => {
    for (const c of SHOWN.filter((s) => "synopsis" in CHECKS[keyOf(s)]!)) {
      const name = /^npx lockstep (\w+)/.exec(c.command)?.[1];
      const help = sh(`node bin/lockstep.js ${name} --help`, clone, 60_000);
      expect(help.code, c.command).toBe(0);
    }
  }, 120_000);

  it("the scripts not run here exist", () => {
    const pkg = JSON.parse(readFileSync(join(clone, "package.json"), "utf8")) as { scripts: Record<string, string> };
    for (const c of SHOWN) {
      const check = CHECKS[keyOf(c)]!;
      if (!("exists" in check)) continue;
      if (check.exists.startsWith(".")) expect(statSync(join(clone, check.exists)).mode & 0o111, c.command).not.toBe(0);
      else expect(pkg.scripts[check.exists], c.command).toBeTruthy();
    }
  });

  it("the library example of the README runs as written", () => {
    const example = /```js\n([\s\S]*?)```/.exec(read(MAIN))![1]!;
    writeFileSync(join(clone, "check-schema.mjs"), example);
    const run = sh("node check-schema.mjs", clone, 150_000);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("[ 'customers', 'order_items', 'orders', 'products', 'shipments' ]");
    expect(run.output).toMatch(/^PASS \d+$/m);
    expect(run.output).toMatch(/^WARN$/m);
    expect(run.output).toMatch(/^prisma$/m);
  }, 180_000);
});
