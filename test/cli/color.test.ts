/**
 * Colour in the terminal reports: on when stdout is a terminal, off with `--no-color` (on every
 * command, before or after its name), with NO_COLOR set to anything non-empty, and when stdout is
 * not a terminal. Colour only adds escape codes: the text is the same either way.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { wantsColor } from "../../src/cli/color.js";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { ROOT } from "../helpers/build.js";
import { TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);
afterEach(() => vi.unstubAllEnvs());

const ESC = "\x1b[";
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
const SHOP = join(ROOT, "examples/shop");

async function run(args: string[], stdoutIsTTY: boolean): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await main(args, {
    stdout: (s) => void (stdout += s),
    stderr: () => {},
    stdoutIsTTY,
    keepEngine: true,
  });
  return { code, stdout };
}

describe("wantsColor", () => {
  it("colours a terminal unless told not to", () => {
    expect(wantsColor({ flag: undefined, env: {}, isTTY: true })).toBe(true);
    expect(wantsColor({ flag: undefined, env: { NO_COLOR: "" }, isTTY: true })).toBe(true);
  });
  it("never colours a pipe, --no-color or NO_COLOR with a value", () => {
    expect(wantsColor({ flag: undefined, env: {}, isTTY: false })).toBe(false);
    expect(wantsColor({ flag: false, env: {}, isTTY: true })).toBe(false);
    expect(wantsColor({ flag: undefined, env: { NO_COLOR: "1" }, isTTY: true })).toBe(false);
    expect(wantsColor({ flag: undefined, env: { NO_COLOR: "0" }, isTTY: true })).toBe(false);
  });
});

describe("lint on a terminal", () => {
  const args = ["lint", join(SHOP, "migrations")];

  it("colours the verdict, and the text is the plain output's", async () => {
    const coloured = await run(args, true);
    const plain = await run(args, false);
    expect(coloured.stdout).toContain(`Verdict: ${ESC}1;32mPASS${ESC}0m`);
    expect(plain.stdout).not.toContain(ESC);
    expect(strip(coloured.stdout)).toBe(plain.stdout);
    expect(coloured.code).toBe(plain.code);
  });

  it("is plain with --no-color, after or before the command", async () => {
    expect((await run([...args, "--no-color"], true)).stdout).not.toContain(ESC);
    expect((await run(["--no-color", ...args], true)).stdout).not.toContain(ESC);
  });

  it("is plain with NO_COLOR=1, coloured with NO_COLOR empty", async () => {
    vi.stubEnv("NO_COLOR", "1");
    expect((await run(args, true)).stdout).not.toContain(ESC);
    vi.stubEnv("NO_COLOR", "");
    expect((await run(args, true)).stdout).toContain(ESC);
  });

  it("never colours json, whatever the terminal", async () => {
    const json = await run([...args, "--format", "json"], true);
    expect(json.stdout).not.toContain(ESC);
    expect(JSON.parse(json.stdout).verdict).toBe("PASS");
  });

  it("--no-color is refused as a value-taking flag (it takes none)", async () => {
    let stderr = "";
    const code = await main([...args, "--no-color=yes"], { stdout: () => {}, stderr: (s) => void (stderr += s) });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--no-color/);
  });
});

describe("plan on a terminal", () => {
  it("colours risks and the verdict; plain text otherwise the same", async () => {
    const args = [
      "plan",
      "--from",
      join(SHOP, "migrations"),
      "--to",
      join(SHOP, "schema.sql"),
      "--cache-dir",
      TEST_CACHE,
    ];
    const coloured = await run(args, true);
    const plain = await run(args, false);
    expect(coloured.stdout).toContain(`${ESC}33mRISKY   ${ESC}0m add_unique`);
    expect(coloured.stdout).toContain(`Verdict: ${ESC}1;32mPASS`);
    expect(plain.stdout).not.toContain(ESC);
    expect(strip(coloured.stdout)).toBe(plain.stdout);
  });
});

// A real terminal for the built bin: util-linux `script` gives the command a pseudo-terminal.
const hasScript = spawnSync("script", ["--version"]).status === 0;

describe.skipIf(!hasScript)("the bin on a real terminal", () => {
  const bin = join(ROOT, "bin/lockstep.js");
  const lint = `${process.execPath} ${bin} lint ${join(SHOP, "migrations")}`;
  const onTerminal = (command: string, env: NodeJS.ProcessEnv = {}) =>
    execFileSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, ...env } });

  it("colours on a terminal, not with NO_COLOR or --no-color", () => {
    expect(onTerminal(lint)).toContain(`${ESC}1;32mPASS`);
    expect(onTerminal(lint, { NO_COLOR: "1" })).not.toContain(ESC);
    expect(onTerminal(`${lint} --no-color`)).not.toContain(ESC);
  });

  it("does not colour a pipe", () => {
    const piped = execFileSync(process.execPath, [bin, "lint", join(SHOP, "migrations")], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "" },
    });
    expect(piped).toContain("Verdict: PASS");
    expect(piped).not.toContain(ESC);
  });
});
