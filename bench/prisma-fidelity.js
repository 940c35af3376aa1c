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
import pg from "pg";
import { introspect } from "../dist/dialects/postgres/introspect.js";
import { diffSchemas } from "../dist/diff/diff.js";
import { postgres } from "../dist/dialects/postgres/index.js";
import { describeChange } from "../dist/diff/describe.js";
import { compilePrismaSchema } from "../dist/frameworks/prisma/model/index.js";
import {
  benchArgs,
  blobText,
  connect as connectTo,
  describe,
  prismaFiles,
  projectCases,
  projectsIn,
} from "./prisma-cases.js";

const { devUrl, maxCases, root } = benchArgs("prisma-fidelity");

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
const connect = (name) => connectTo(devUrl, name);
const history = await connect(databases.history);
const model = await connect(databases.model);

const totals = { repos: 0, cases: 0, migrations: 0, equal: 0, aligned: 0, reproduced: 0 };
/** The migrations the history database holds, so that the next case applies only what it adds. */
let applied;
const misses = [];
try {
  for (const [repo, project] of projectsIn(root)) await measure(repo, project);
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

async function measure(repo, project) {
  const { gitDir, migrations, base } = project;
  totals.repos++;
  const { all, picked } = projectCases(project, maxCases);
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
  console.log(`${repo} ${migrations}: ${all} schema-changing commits, ${picked.length} measured`);
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
    compiled = compilePrismaSchema(schemaFiles, postgres);
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
    raw: diffSchemas(current, desired, postgres).map(describeChange),
    aligned: diffSchemas(current, compiled.align(current, desired), postgres).map(describeChange),
  };
}
