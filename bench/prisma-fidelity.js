// bench: fidelity of the Prisma schema reader on real projects' histories. A case is a commit
// (first-parent history) that adds migrations to a Prisma migrations folder (PostgreSQL) while the
// schema changed. At that commit, the schema Prisma's own migration.sql files build (all of them,
// in order) is compared with the one Lockstep's DDL for the schema at that commit builds:
//   equal as built   diffSchemas(history, lockstep) finds nothing;
//   equal as read    nothing once the schema is read as `lockstep plan` reads Prisma (what Prisma
//                    does not model or tell apart kept as the database has it: Source.alignTo);
//   reproduced       the case's migrations add no difference that was not there before them
//                    (differences the project's history already had are its own drift).
// Prints the figures and the cases that are not equal as read, with the differences; asserts nothing.
//
//   npm run build && node bench/prisma-fidelity.js /work/fetched [--dev-url postgres://…] [--max 30]
//
// The folder holds git repositories (bare or not), one per project, kept outside this repository.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { introspect } from "../dist/dialects/postgres/introspect.js";
import { diffSchemas } from "../dist/diff/diff.js";
import { describeChange } from "../dist/diff/describe.js";
import { RESET_SQL } from "../dist/engines/engine.js";
import { compilePrismaSchema } from "../dist/sources/prisma/index.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const devUrl = option("--dev-url", process.env.LOCKSTEP_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const maxCases = Number(option("--max", "30"));
const root = args[0];
if (!root) {
  console.error("usage: node bench/prisma-fidelity.js <folder of git repositories> [--dev-url URL] [--max N]");
  process.exit(2);
}

const admin = new pg.Client({ connectionString: devUrl });
await admin.connect();
const suffix = `${process.pid}`;
const databases = { history: `lockstep_fid_history_${suffix}`, model: `lockstep_fid_model_${suffix}` };
const dropDatabases = async () => {
  for (const name of Object.values(databases)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
};
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => void dropDatabases().finally(() => process.exit(130)));
for (const name of Object.values(databases)) await admin.query(`CREATE DATABASE ${name}`);
const connect = async (name) => {
  const url = new URL(devUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
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
};
const history = await connect(databases.history);
const model = await connect(databases.model);

const totals = { repos: 0, cases: 0, migrations: 0, equal: 0, aligned: 0, reproduced: 0 };
/** The migrations the history database holds, so that the next case applies only what it adds. */
let applied;
const blobs = new Map();
const misses = [];
try {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const gitDir = join(root, entry.name);
    for (const project of prismaProjects(gitDir)) await measure(entry.name, project);
  }
} finally {
  await history.db.close();
  await model.db.close();
  await dropDatabases();
  await admin.end();
}

const pct = (n) => (totals.cases ? `${((100 * n) / totals.cases).toFixed(1)}%` : "n/a");
console.log(
  `\n${totals.repos} projects, ${totals.cases} schema-changing commits (${totals.migrations} migrations): ` +
    `${totals.equal} equal as built (${pct(totals.equal)}), ${totals.aligned} equal as read ` +
    `(${pct(totals.aligned)}), ${totals.reproduced} reproduced (${pct(totals.reproduced)})`,
);
for (const m of misses)
  console.log(`${m.isNew ? "NEW " : "MISS"} ${m.repo} ${m.commit.slice(0, 10)} ${m.migration}: ${m.reason}`);

function git(gitDir, ...rest) {
  return execFileSync("git", [`--git-dir=${gitDir}`, ...rest], { maxBuffer: 1 << 28, encoding: "utf8" });
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

async function measure(repo, project) {
  const { gitDir, migrations, base } = project;
  totals.repos++;
  const commits = git(gitDir, "log", "--reverse", "--format=%H", "--first-parent", "HEAD", "--", migrations)
    .split("\n")
    .filter(Boolean);
  let previousSchema;
  let previousFolders = new Set();
  const cases = [];
  for (const commit of commits) {
    const folders = migrationFolders(gitDir, commit, migrations);
    const schemaFiles = prismaFiles(gitDir, commit, base, migrations);
    const schemaText = schemaFiles.map(([name, text]) => `${name}\n${text}`).join("\n");
    const added = folders.filter((f) => !previousFolders.has(f.folder));
    previousFolders = new Set(folders.map((f) => f.folder));
    // Only commits that add migrations for a changed schema.prisma.
    if (!schemaText || !added.length || schemaText === previousSchema) continue;
    previousSchema = schemaText;
    cases.push({ commit, folders, added, schemaFiles });
  }
  // At most maxCases, spread evenly over the history.
  const step = Math.max(1, cases.length / maxCases);
  const picked = [];
  for (let i = 0; i < cases.length && picked.length < maxCases; i += step) picked.push(cases[Math.floor(i)]);
  applied = undefined;
  for (const { commit, folders, added, schemaFiles } of picked) {
    totals.cases++;
    totals.migrations += added.length;
    const before = folders.filter((f) => !added.includes(f));
    const earlier = before.length
      ? await compare(gitDir, before, prismaFiles(gitDir, `${commit}^`, base, migrations))
      : {};
    const result = await compare(gitDir, folders, schemaFiles);
    if (result.raw?.length === 0) totals.equal++;
    if (result.aligned?.length === 0) totals.aligned++;
    const newDifferences = result.aligned?.filter((d) => !(earlier.aligned ?? []).includes(d));
    if (newDifferences?.length === 0) totals.reproduced++;
    if (result.aligned?.length === 0) continue;
    const reason = result.error ?? describe(newDifferences.length ? newDifferences : result.aligned);
    misses.push({
      repo,
      commit,
      migration: added[added.length - 1].folder,
      reason,
      isNew: !!newDifferences?.length || !!result.error,
    });
  }
  console.log(`${repo} ${migrations}: ${cases.length} schema-changing commits, ${picked.length} measured`);
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

function blobText(gitDir, blob) {
  if (!blobs.has(blob)) blobs.set(blob, git(gitDir, "cat-file", "-p", blob));
  return blobs.get(blob);
}

/** The schema at the commit: `schema.prisma`, or every `.prisma` file beside it (a schema folder). */
function prismaFiles(gitDir, commit, base, migrations) {
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

async function replay(gitDir, folders) {
  const same = (a, b) => a.folder === b.folder && a.blob === b.blob;
  if (!applied || applied.length > folders.length || !applied.every((a, i) => same(a, folders[i]))) {
    await history.db.reset();
    applied = [];
  }
  for (const f of folders.slice(applied.length)) {
    try {
      await history.client.query(blobText(gitDir, f.blob));
    } catch (err) {
      applied = undefined;
      return `Prisma's own migration ${f.folder} fails: ${err.message}`;
    }
    applied.push(f);
  }
  return undefined;
}

/** The differences between the history's schema and Lockstep's (`raw`, and `aligned` as plan reads it). */
async function compare(gitDir, folders, schemaFiles) {
  const failed = await replay(gitDir, folders);
  if (failed) return { error: failed };
  if (!schemaFiles.length) return { error: "no Prisma schema at this commit" };
  let compiled;
  try {
    compiled = compilePrismaSchema(schemaFiles);
  } catch (err) {
    return { error: `Lockstep cannot read the schema: ${err.message}` };
  }
  await model.db.reset();
  try {
    await model.client.query(compiled.ddl);
  } catch (err) {
    return { error: `Lockstep's DDL fails: ${err.message}` };
  }
  const current = await introspect(history.db);
  const desired = await introspect(model.db);
  return {
    raw: diffSchemas(current, desired).map(describeChange),
    aligned: diffSchemas(current, compiled.align(current, desired)).map(describeChange),
  };
}

function describe(differences) {
  const limit = process.env.FIDELITY_ALL ? 1000 : 4;
  const shown = differences.slice(0, limit).join("; ");
  return `${differences.length} difference(s): ${shown}${differences.length > limit ? "; …" : ""}`;
}
