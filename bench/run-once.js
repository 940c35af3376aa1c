// Runs one CLI command in this process and prints its wall time, CPU time and peak memory as JSON on stderr.
import { main } from "../dist/cli/main.js";

const started = performance.now();
const code = await main(process.argv.slice(2), { stdout: () => {} });
const ms = performance.now() - started;
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stderr.write(`${JSON.stringify({ code, ms, cpuMs, maxRssMB: usage.maxRSS / 1024 })}\n`);
process.exit(code);
