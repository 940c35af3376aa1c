// bench: `lockstep plan` from an empty folder to a generated schema.sql of 500, 1,000 and 2,000
// tables, on PGlite: wall time, CPU time and peak memory (RSS). Prints figures; asserts nothing.
//   npm run build && node bench/plan-tables.js [--tables 500,1000,2000]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateHistory } from "./generate-history.js";
import { runMeasured } from "./run-measured.js";

const i = process.argv.indexOf("--tables");
const sizes = i > 0 ? process.argv[i + 1].split(",").map(Number) : [500, 1000, 2000];
const dir = mkdtempSync(join(tmpdir(), "lockstep-bench-tables-"));
const cache = join(dir, "cache");
const empty = join(dir, "empty");
mkdirSync(empty);

console.log(`plan --from <empty folder> --to <schema.sql of N tables> on PGlite`);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} CPUs\n`,
);
// The engine's template is made once per cache: not part of the figures below.
writeFileSync(join(dir, "one.sql"), "CREATE TABLE one (id bigint PRIMARY KEY);\n");
runMeasured("warm-up (engine template made)", [
  "plan",
  "--from",
  empty,
  "--to",
  join(dir, "one.sql"),
  "--cache-dir",
  cache,
]);
for (const tables of sizes) {
  const sub = join(dir, String(tables));
  const { schema } = generateHistory(sub, { tables, migrations: 2 });
  runMeasured(`${tables} tables`, ["plan", "--from", empty, "--to", schema, "--cache-dir", cache]);
}
rmSync(dir, { recursive: true, force: true });
