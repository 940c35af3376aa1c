// bench: does Lockstep's generated up do what Prisma's own migration does? A case is a commit
// (first-parent history) adding migration folders to a Prisma migrations folder (PostgreSQL) while
// the schema changed. P holds Prisma's migrations from before the commit; A = P plus the commit's
// migration.sql files; B = P plus the up of `plan({ from: P, to: the commit's .prisma files })`
// (possible renames declined: Prisma never renames). Equal when diffSchemas(A, B) finds nothing.
// Prints the figures and each miss with a reason; asserts nothing.
//
//   npm run build && node bench/prisma-generated-up.js /work/fetched [--dev-url postgres://…] [--max 30]
//
// The folder holds git repositories (bare or not), one per project, kept outside this repository.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { plan } from "../dist/index.js";
import { introspect } from "../dist/dialects/postgres/introspect.js";
import { diffSchemas } from "../dist/diff/diff.js";
import { postgres } from "../dist/dialects/postgres/index.js";
import { describeChange } from "../dist/diff/describe.js";
import { runStep } from "../dist/verify/self-check.js";
import { zeroValue } from "../dist/dialects/postgres/recipes/shared.js";
import { benchArgs, blobText, connect, databaseUrl, describe, projectCases, projectsIn } from "./prisma-cases.js";

const { devUrl, maxCases, root } = benchArgs("prisma-generated-up");

const admin = new pg.Client({ connectionString: devUrl });
await admin.connect();
const suffix = `${process.pid}`;
const names = { p: `lockstep_gen_p_${suffix}`, a: `lockstep_gen_a_${suffix}`, b: `lockstep_gen_b_${suffix}` };
const drop = async (name) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
const dropAll = async () => {
  for (const name of Object.values(names)) await drop(name);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void dropAll().finally(() => process.exit(130)));

const started = Date.now();
const totals = { repos: 0, cases: 0, equal: 0 };
const misses = [];
/** The migrations P holds, so that the next case of a project applies only what it adds. */
let applied;
let p;
try {
  for (const [repo, project] of projectsIn(root)) await measure(repo, project);
} finally {
  await p?.db.close();
  await dropAll();
  await admin.end();
}

const share = totals.cases ? `${((100 * totals.equal) / totals.cases).toFixed(1)}%` : "n/a";
console.log(
  `\n${totals.repos} projects, ${totals.cases} schema-changing commits: ${totals.equal} equal (${share}), ` +
    `${((Date.now() - started) / 1000).toFixed(0)} s`,
);
for (const m of misses) console.log(`MISS ${m.repo} ${m.commit.slice(0, 10)} ${m.migration}: ${m.reason}`);

async function measure(repo, project) {
  totals.repos++;
  const { all, picked } = projectCases(project, maxCases);
  applied = undefined;
  for (const c of picked) {
    totals.cases++;
    const reason = await measureCase(project, c);
    if (reason === undefined) totals.equal++;
    else misses.push({ repo, commit: c.commit, migration: c.added[c.added.length - 1].folder, reason });
  }
  console.log(`${repo} ${project.migrations}: ${all} schema-changing commits, ${picked.length} measured`);
}

/** undefined when A equals B, otherwise why not. */
async function measureCase(project, { folders, added, schemaFiles, baselineFiles }) {
  const failed = await replayBefore(
    project.gitDir,
    folders.filter((f) => !added.includes(f)),
  );
  if (failed) return failed;
  const before = await introspect(p.db);
  // Copies of P need no connection on it.
  await p.db.close();
  p = undefined;
  for (const name of [names.a, names.b]) {
    await drop(name);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${names.p}`);
  }
  const a = await connect(devUrl, names.a);
  const b = await connect(devUrl, names.b);
  try {
    for (const f of added) {
      try {
        await a.client.query(blobText(project.gitDir, f.blob));
      } catch (err) {
        applied = undefined; // P is stale once the migrations fail: rebuild it for the next case.
        return `Prisma's own migration ${f.folder} fails: ${err.message}`;
      }
    }
    const planned = await generatedUp(schemaFiles, process.env.FIDELITY_NO_BASELINE ? [] : baselineFiles);
    if (typeof planned === "string") return planned;
    for (const step of planned.steps) {
      try {
        await runStep(b.db, step, "up");
      } catch (err) {
        return `Lockstep's up fails at step ${step.name}: ${err.message}`;
      }
    }
    const afterB = await introspect(b.db);
    const differences = diffSchemas(await introspect(a.db), afterB, postgres).map(describeChange);
    if (!differences.length) return undefined;
    // What P already had and B no longer matches is the project's hand-written drift, which the
    // plan (from the live database, not from Prisma's history) undoes; the rest is the case's own.
    const drift = new Set(diffSchemas(before, afterB, postgres).map(describeChange));
    const own = differences.filter((d) => !drift.has(d));
    const sql = added.map((f) => blobText(project.gitDir, f.blob)).join("\n");
    // Hand-written SQL, or a file Prisma did not write: no `-- CreateTable`-style heading, or data statements.
    const objects =
      /gin_trgm_ops|CREATE EXTENSION|CREATE (OR REPLACE )?(FUNCTION|TRIGGER|VIEW)|WHERE|PARTITION|GENERATED ALWAYS/i;
    const handWritten = (text) =>
      objects.test(text) ||
      !/^-- [A-Z]\w+$/m.test(text) ||
      /^\s*(BEGIN|UPDATE|INSERT|DO|SET)\b|\bIF (NOT )?EXISTS\b|\bCHECK\s*\(/im.test(text);
    const kind = !own.length
      ? "plan undoes drift P already had (hand-written SQL schema.prisma does not describe)"
      : handWritten(sql)
        ? "the case's migration.sql has hand-written SQL schema.prisma does not describe"
        : "Lockstep differs from Prisma (reader or planner)";
    const errors = planned.findings.filter((f) => f.severity === "error").map((f) => `${f.rule}: ${f.message}`);
    return `${kind}: ${describe(own.length ? own : differences)}${errors.length ? ` [plan errors: ${errors.join("; ")}]` : ""}`;
  } finally {
    await a.db.close();
    await b.db.close();
  }
}

/** Builds P: Prisma's migrations before the case (reusing what the previous case applied). */
async function replayBefore(gitDir, before) {
  const same = (x, y) => x.folder === y.folder && x.blob === y.blob;
  if (!applied || applied.length > before.length || !applied.every((x, i) => same(x, before[i]))) {
    await drop(names.p);
    await admin.query(`CREATE DATABASE ${names.p}`);
    applied = [];
  }
  p = await connect(devUrl, names.p);
  for (const f of before.slice(applied.length)) {
    try {
      await p.client.query(blobText(gitDir, f.blob));
    } catch (err) {
      applied = undefined;
      return `Prisma's own migration ${f.folder} (before the case) fails: ${err.message}`;
    }
    applied.push(f);
  }
  return undefined;
}

/**
 * The plan from P to the commit's schema, renames declined, with the schema of the previous commit
 * as the baseline (FIDELITY_NO_BASELINE=1: none); a string when planning fails.
 */
async function generatedUp(schemaFiles, baselineFiles) {
  const dir = mkdtempSync(join(tmpdir(), "lockstep-gen-"));
  try {
    const to = writeSchema(join(dir, "to"), schemaFiles);
    const baseline = baselineFiles.length ? { baseline: writeSchema(join(dir, "baseline"), baselineFiles) } : {};
    const notRenamed = [];
    const backfills = [];
    for (;;) {
      const from = databaseUrl(devUrl, names.p);
      const result = await plan({ from, to, ...baseline, allowBreaking: true, devUrl, notRenamed, backfills });
      const flagged = (rule, pattern) =>
        result.findings
          .filter((f) => f.rule === rule)
          .map((f) => pattern.exec(f.fix ?? "")?.[1])
          .filter(Boolean);
      const declined = flagged("possible-rename", /--not-renamed (\S+)/).filter((x) => !notRenamed.includes(x));
      // The value a user would pass for existing rows (earlier migrations may have inserted some):
      // any value of the column's type does, since only the schemas are compared.
      const filled = flagged("add-required-column", /--backfill (\S+?)=/)
        .map((column) => `${column}=${valueFor(result.to, column)}`)
        .filter((x) => !backfills.includes(x));
      if (!declined.length && !filled.length) return result;
      notRenamed.push(...declined);
      backfills.push(...filled);
    }
  } catch (err) {
    return `plan fails: ${err.message}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The schema files under `dir`: the path to plan with (one file, or the folder of the file with the datasource). */
function writeSchema(dir, files) {
  for (const [name, text] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  // Models may sit in subfolders of the datasource's folder.
  const main = files.find(([, text]) => /^\s*datasource\s/m.test(text)) ?? files[0];
  return files.length === 1 ? join(dir, main[0]) : dirname(join(dir, main[0]));
}

/** A constant of the column's type (`Table.column` or `schema.Table.column`), for a backfill. */
function valueFor(schema, spec) {
  const parts = spec.split(".");
  const [ns, name, column] = parts.length === 3 ? parts : ["public", ...parts];
  const type = schema.tables
    .find((t) => t.schema === ns && t.name === name)
    ?.columns.find((c) => c.name === column)?.type;
  if (!type) return "NULL";
  const e = schema.enums.find((x) => type === `"${x.name}"` || type === x.name || type.endsWith(`."${x.name}"`));
  return e ? `'${e.values[0].replace(/'/g, "''")}'::${type}` : (zeroValue(type) ?? "NULL");
}
