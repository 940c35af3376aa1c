// bench: how long `lockstep plan` takes, and its peak memory, on a generated schema of 300
// tables with a 200-migration history, on PGlite. Prints figures; asserts nothing.
//   node bench/plan-history.js [--tables 300] [--migrations 200]
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateHistory } from "./generate-history.js";
import { runMeasured } from "./run-measured.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const tables = arg("--tables", 300);
const migrations = arg("--migrations", 200);
const dir = mkdtempSync(join(tmpdir(), "lockstep-bench-"));
const cache = join(dir, "cache");
const { history, schema } = generateHistory(dir, { tables, migrations });

function run(label, extra = []) {
  return runMeasured(label, ["plan", "--from", history, "--to", schema, "--cache-dir", cache, ...extra]);
}

console.log(`plan --from <${migrations} migrations> --to <schema.sql, ${tables} tables> on PGlite\n`);
run("cold machine: no cache at all (initdb)");
// What a user meets on the first plan against a new history: the engine template exists.
for (const sub of ["states", "schemas"]) rmSync(join(cache, sub), { recursive: true, force: true });
run("first run with this history");
run("second run, same history and schema");
appendFileSync(schema, "\nCREATE TABLE bench_extra (id bigint PRIMARY KEY, note text);\n");
run("second run, same history, schema edited");
rmSync(dir, { recursive: true, force: true });
