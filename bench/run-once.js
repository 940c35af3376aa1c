// Runs one CLI command in this process and prints its wall time and peak memory as JSON on stderr.
import { main } from "../dist/cli/main.js";

const started = performance.now();
const code = await main(process.argv.slice(2), { stdout: () => {} });
const ms = performance.now() - started;
process.stderr.write(`${JSON.stringify({ code, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exit(code);
