// Shared by the Prisma benches: the projects in a folder of git repositories, the cases in their
// first-parent histories (commits adding migration folders while the .prisma schema changed), the
// schema files and migration.sql at a commit, and server database connections.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { RESET_SQL } from "../dist/engines/engine.js";

/** `<folder> [--dev-url URL] [--max N]`: exits with the usage when the folder is missing. */
export function benchArgs(script) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : fallback;
  };
  const devUrl = option("--dev-url", process.env.LOCKSTEP_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  const maxCases = Number(option("--max", "30"));
  const root = args[0];
  if (!root) {
    console.error(`usage: node bench/${script}.js <folder of git repositories> [--dev-url URL] [--max N]`);
    process.exit(2);
  }
  return { devUrl, maxCases, root };
}

export function git(gitDir, ...rest) {
  return execFileSync("git", [`--git-dir=${gitDir}`, ...rest], { maxBuffer: 1 << 28, encoding: "utf8" });
}

/** `[repo name, project]` for every Prisma PostgreSQL project of every repository in the folder. */
export function projectsIn(root) {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .flatMap((e) => prismaProjects(join(root, e.name)).map((p) => [e.name, p]));
}

/** Migrations folders (migration_lock.toml says postgresql) with a schema beside them (file or folder). */
function prismaProjects(gitDir) {
  const gd = gitDirOf(gitDir);
  const files = git(gd, "ls-tree", "-r", "--name-only", "HEAD").split("\n");
  return files
    .filter((f) => f.endsWith("migrations/migration_lock.toml"))
    .map((lock) => {
      const migrations = lock.slice(0, -"/migration_lock.toml".length);
      const base = migrations.slice(0, -"migrations".length);
      return { gitDir: gd, migrations, base, lock };
    })
    .filter(
      (p) =>
        files.some((f) => f.startsWith(p.base) && f.endsWith(".prisma")) &&
        /postgresql/.test(git(p.gitDir, "show", `HEAD:${p.lock}`)),
    );
}

function gitDirOf(dir) {
  try {
    return execFileSync("git", ["rev-parse", "--absolute-git-dir"], { cwd: dir, encoding: "utf8" }).trim();
  } catch {
    return dir;
  }
}

/**
 * The project's cases, `{ commit, folders, added, schemaFiles }`, and at most `max` of them spread
 * evenly over the history.
 */
export function projectCases({ gitDir, migrations, base }, max) {
  const commits = git(gitDir, "log", "--reverse", "--format=%H", "--first-parent", "HEAD", "--", migrations)
    .split("\n")
    .filter(Boolean);
  let previousSchema;
  let previousFiles = [];
  let previousFolders = new Set();
  const cases = [];
  for (const commit of commits) {
    const folders = migrationFolders(gitDir, commit, migrations);
    const schemaFiles = prismaFiles(gitDir, commit, base, migrations);
    const schemaText = schemaFiles.map(([name, text]) => `${name}\n${text}`).join("\n");
    const added = folders.filter((f) => !previousFolders.has(f.folder));
    previousFolders = new Set(folders.map((f) => f.folder));
    // Only commits that add migrations for a changed schema.prisma.
    // The schema at the previous commit that touched the migrations: the model they were made from.
    const baselineFiles = previousFiles;
    previousFiles = schemaFiles;
    if (!schemaText || !added.length || schemaText === previousSchema) continue;
    previousSchema = schemaText;
    cases.push({ commit, folders, added, schemaFiles, baselineFiles });
  }
  // FIDELITY_ONLY=<commit prefix>[,…]: just those cases (to look at one miss again).
  const only = process.env.FIDELITY_ONLY?.split(",").filter(Boolean);
  if (only) {
    const chosen = cases.filter((c) => only.some((o) => c.commit.startsWith(o)));
    return { all: cases.length, picked: chosen };
  }
  const step = Math.max(1, cases.length / max);
  const picked = [];
  for (let i = 0; i < cases.length && picked.length < max; i += step) picked.push(cases[Math.floor(i)]);
  return { all: cases.length, picked };
}

/** `{ folder, blob }` of each migration.sql at the commit, in Prisma's order (folder names). */
function migrationFolders(gitDir, commit, migrations) {
  return git(gitDir, "ls-tree", "-r", commit, "--", `${migrations}/`)
    .split("\n")
    .map((line) => /^\S+ blob (\S+)\t(.*)\/migration\.sql$/.exec(line))
    .filter((m) => m && m[2].startsWith(`${migrations}/`) && !m[2].slice(migrations.length + 1).includes("/"))
    .map((m) => ({ folder: m[2].slice(migrations.length + 1), blob: m[1] }))
    .sort((a, b) => (a.folder < b.folder ? -1 : 1));
}

const blobs = new Map();
export function blobText(gitDir, blob) {
  if (!blobs.has(blob)) blobs.set(blob, git(gitDir, "cat-file", "-p", blob));
  return blobs.get(blob);
}

/** The schema at the commit: `schema.prisma`, or every `.prisma` file beside it (a schema folder). */
export function prismaFiles(gitDir, commit, base, migrations) {
  let tree;
  try {
    tree = git(gitDir, "ls-tree", "-r", commit, "--", base || ".");
  } catch {
    return []; // No such commit (the parent of a root commit).
  }
  return tree
    .split("\n")
    .map((line) => /^\S+ blob (\S+)\t(.*\.prisma)$/.exec(line))
    .filter((m) => m && !m[2].startsWith(`${migrations}/`))
    .map((m) => [m[2].slice(base.length), blobText(gitDir, m[1])]);
}

export function databaseUrl(devUrl, name) {
  const url = new URL(devUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A pg client on the server database and the same as Lockstep's Database (for introspect, runStep). */
export async function connect(devUrl, name) {
  const client = new pg.Client({ connectionString: databaseUrl(devUrl, name) });
  await client.connect();
  client.on("notice", () => {});
  return {
    client,
    db: {
      serverVersion: 0,
      exec: async (sql) => void (await client.query(sql)),
      query: async (sql, params) => (await client.query(sql, params)).rows,
      reset: async () => void (await client.query(RESET_SQL)),
      close: async () => client.end(),
    },
  };
}

export function describe(differences) {
  const limit = process.env.FIDELITY_ALL ? 1000 : 4;
  const shown = differences.slice(0, limit).join("; ");
  return `${differences.length} difference(s): ${shown}${differences.length > limit ? "; …" : ""}`;
}
