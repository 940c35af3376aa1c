/**
 * The library as a user gets it: `npm pack`, the tarball installed in a clean folder, and an ESM
 * script that imports it with no set-up call. The script must end by itself with no handle left
 * open (the embedded engine used to keep node alive ~10 s after the work was done).
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/build.js";
import { tempDir } from "../support.js";

const SCRIPT = `
import { lint, readSchema } from "lockstep";
const { schema } = await readSchema("schema.sql");
const linted = await lint({ paths: ["migrations"] });
const broken = await readSchema("broken.sql").then(() => "read", (err) => err.constructor.name);
// Let pending callbacks run, then list what would keep node alive.
await new Promise((done) => setImmediate(done));
console.log(JSON.stringify({
  tables: schema.tables.map((t) => t.name).sort(),
  lint: { verdict: linted.verdict, rules: linted.findings.map((f) => f.rule) },
  broken,
  // stdout and stderr are pipes to the test (PipeWrap): everything else would be left open by us.
  handles: process.getActiveResourcesInfo().filter((h) => h !== "PipeWrap"),
  doneAt: Date.now(),
}));
`;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  exitedAt: number;
}

function runNode(cwd: string, file: string, timeoutMs: number): Promise<Finished> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [file], { cwd, timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr, exitedAt: Date.now() }));
  });
}

describe("the packed library", () => {
  let project: string;

  beforeAll(() => {
    const packs = tempDir("lockstep-pack-");
    // dist/ is built once for the run (test/helpers/build.ts); prepack would build it again.
    execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packs], { cwd: ROOT });
    const tarball = join(
      packs,
      readdirSync(packs).find((f) => f.endsWith(".tgz"))!,
    );
    project = tempDir("lockstep-user-");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user", private: true, type: "module" }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--silent", tarball], {
      cwd: project,
    });
    cpSync(join(ROOT, "examples/shop/schema.sql"), join(project, "schema.sql"));
    cpSync(join(ROOT, "examples/shop/migrations"), join(project, "migrations"), { recursive: true });
    writeFileSync(join(project, "broken.sql"), "CREATE TABLE t (id int;\n");
    mkdirSync(join(project, "empty"));
    writeFileSync(join(project, "script.mjs"), SCRIPT);
  }, 180_000);

  it("imports with no init call, reads a schema and lints a folder, then exits by itself", async () => {
    const run = await runNode(project, "script.mjs", 90_000);
    expect(run.stderr).toBe("");
    expect(run.signal).toBeNull(); // not killed by the timeout: it ended by itself
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      tables: string[];
      lint: { verdict: string; rules: string[] };
      broken: string;
      handles: string[];
      doneAt: number;
    };
    expect(out.tables).toEqual(["customers", "order_items", "orders", "products", "shipments"]);
    expect(out.lint.verdict).toBe("PASS");
    expect(out.broken).toBe("InputError");
    // Nothing left open: no engine timer, no socket, no file handle.
    expect(out.handles).toEqual([]);
    console.log(`packed library: exited ${run.exitedAt - out.doneAt} ms after its work was done`);
  }, 120_000);

  it("ships its types and an ESM entry only", async () => {
    const manifest = JSON.parse(
      execFileSync("node", ["-p", "JSON.stringify(require('./node_modules/lockstep/package.json'))"], {
        cwd: project,
        encoding: "utf8",
      }),
    ) as { exports: Record<string, Record<string, string>>; types: string; scripts: Record<string, string> };
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", import: "./dist/index.js" });
    const files = readdirSync(join(project, "node_modules/lockstep"));
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "bin", "dist", "package.json"]));
    // Installing runs no build of Lockstep's: no prepare, install or postinstall script.
    for (const hook of ["prepare", "preinstall", "install", "postinstall"])
      expect(manifest.scripts[hook]).toBeUndefined();
    const types = readdirSync(join(project, "node_modules/lockstep/dist")).filter((f) => f === "index.d.ts");
    expect(types).toEqual(["index.d.ts"]);
  });
});
