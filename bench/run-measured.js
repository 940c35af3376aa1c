// Runs one CLI command in a child process (bench/run-once.js) and prints a line of its wall time,
// CPU time (the machine may be shared: CPU time is what the load does not inflate), peak memory
// and exit code; returns the figures.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export function runMeasured(label, args) {
  const res = spawnSync(process.execPath, [join(import.meta.dirname, "run-once.js"), ...args], { encoding: "utf8" });
  const line = res.stderr.trim().split("\n").pop();
  const m = JSON.parse(line);
  console.log(
    `${label.padEnd(44)} ${(m.ms / 1000).toFixed(2).padStart(6)} s  (CPU ${(m.cpuMs / 1000).toFixed(2)} s)  ${m.maxRssMB.toFixed(0).padStart(5)} MB  exit ${m.code}`,
  );
  return m;
}
