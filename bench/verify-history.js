// bench: how long a full `lockstep verify` round trip takes (every migration up, down, up again,
// with seeded rows and per-statement traces), and its peak memory, on a generated history of
// plain-SQL migrations with their downs, on PGlite. Prints figures; asserts nothing.
//   npm run build && node bench/verify-history.js [--migrations 300] [--tables 300] [--rows 200]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateHistory } from "./generate-history.js";
import { runMeasured } from "./run-measured.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const migrations = arg("--migrations", 300);
const tables = arg("--tables", 300);
const rows = arg("--rows", 200);
const dir = mkdtempSync(join(tmpdir(), "lockstep-bench-verify-"));
const cache = join(dir, "cache");
const { history } = generateHistory(dir, { tables, migrations, downs: true });

function run(label) {
  return runMeasured(label, ["verify", history, "--format", "json", "--rows", String(rows), "--cache-dir", cache]);
}

console.log(`verify <${migrations} migrations with downs, ${tables} tables, --rows ${rows}> on PGlite\n`);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} CPUs`,
);
run("first run (engine template made)");
run("full round trip");
rmSync(dir, { recursive: true, force: true });
