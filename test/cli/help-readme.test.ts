/**
 * `lockstep <cmd> --help` and the README agree on every command's flags, both ways: each flag the
 * help lists is documented in the README, and each flag the README's synopses and options tables
 * give the command exists.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ROOT } from "../helpers/build.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
/** Flags the README documents once for every command (its introduction). */
const EVERY_COMMAND = ["--format", "--no-color", "--help"];

async function help(args: string[]): Promise<string> {
  let out = "";
  const code = await main([...args, "--help"], { stdout: (s) => void (out += s), stderr: (s) => void (out += s) });
  expect(code).toBe(0);
  return out;
}

/** The long flags of the help's Options list (its first column). */
export function helpFlags(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l === "Options:");
  const flags: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim()) break;
    const m = /^ {2}(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)/.exec(line);
    if (m) flags.push(m[1]!);
  }
  return flags;
}

const flagsIn = (text: string) => [...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]);

/** The README's `## lockstep <cmd>` section, up to the next `## ` heading ("" when it has none). */
export function readmeSection(readme: string, command: string): string {
  const start = readme.indexOf(`\n## \`lockstep ${command}\``);
  if (start < 0) return "";
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Every synopsis of the command in the README: sh lines and inline code starting `npx lockstep <cmd>`. */
export function synopses(readme: string, command: string): string[] {
  const lines: string[] = [];
  const pattern = new RegExp(`(?:^|\`)(?:\\$ )?npx lockstep ${command}\\b[^\`\\n]*(?:\\n {6,}[^\\n]*)*`, "gm");
  for (const m of readme.matchAll(pattern)) lines.push(m[0].replace(/#.*$/gm, ""));
  return lines;
}

/** The first column of the option tables in a section (rows starting `| \`--…`). */
export function optionTableFlags(section: string): string[] {
  return section
    .split("\n")
    .filter((l) => /^\| `--/.test(l))
    .flatMap((l) => flagsIn(l.split("|")[1]!));
}

/** What the help and the README disagree on for one command, both ways. */
export function disagreements(readme: string, command: string, helpText: string) {
  const inHelp = helpFlags(helpText);
  const section = readmeSection(readme, command);
  const shown = synopses(readme, command).flatMap(flagsIn);
  const documented = new Set([...flagsIn(section), ...shown, ...EVERY_COMMAND]);
  const declared = new Set([...shown, ...optionTableFlags(section)]);
  return {
    inHelp,
    undocumented: inHelp.filter((f) => !documented.has(f)),
    unknown: [...declared].filter((f) => !inHelp.includes(f)),
  };
}

/** The commands the program's help lists. */
function commandsOf(programHelp: string): string[] {
  const lines = programHelp.split("\n");
  const start = lines.findIndex((l) => l === "Commands:");
  return lines
    .slice(start + 1)
    .map((l) => /^ {2}([a-z]+)\b/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined && c !== "help");
}

describe("--help and the README agree", () => {
  it("finds flags in the help's Options list only", () => {
    const text =
      "Usage: x\n\nOptions:\n  --to <desired>  what --ignored says\n  -h, --help  help\n\nAfter:\n  --later\n";
    expect(helpFlags(text)).toEqual(["--to", "--help"]);
  });

  it("finds synopses and table rows", () => {
    const readme =
      "\n## `lockstep x`\n\n```sh\nnpx lockstep x [--a N]\n       [--b]  # --not-this\n```\n| `--c`, `--no-c` | d --e |\n## y\n";
    expect(synopses(readme, "x").flatMap(flagsIn)).toEqual(["--a", "--b"]);
    expect(optionTableFlags(readmeSection(readme, "x"))).toEqual(["--c", "--no-c"]);
  });

  it("reports a flag missing either way", () => {
    const helpText = "Options:\n  --a <n>  a\n  --b  b\n  -h, --help  help\n";
    const readme = "\n## `lockstep x`\n\n```sh\nnpx lockstep x [--a N] [--z]\n```\n## y\n";
    expect(disagreements(readme, "x", helpText)).toMatchObject({ undocumented: ["--b"], unknown: ["--z"] });
    const agreeing = "\n## `lockstep x`\n\n```sh\nnpx lockstep x [--a N]\n```\n\n`--b` does b.\n## y\n";
    expect(disagreements(agreeing, "x", helpText)).toMatchObject({ undocumented: [], unknown: [] });
  });

  it("every command of the program is compared", async () => {
    const commands = commandsOf(await help([]));
    expect(commands).toEqual(expect.arrayContaining(["plan", "lint", "trace", "verify", "check", "inspect", "detect"]));
    for (const command of commands) {
      const { inHelp, undocumented, unknown } = disagreements(README, command, await help([command]));
      expect(inHelp.length, command).toBeGreaterThan(2);
      expect(undocumented, `flags of lockstep ${command} --help missing from the README`).toEqual([]);
      expect(unknown, `flags the README gives lockstep ${command} that its --help lacks`).toEqual([]);
    }
  });

  it("the global --no-color is in the program's help too", async () => {
    expect(helpFlags(await help([]))).toContain("--no-color");
  });
});
