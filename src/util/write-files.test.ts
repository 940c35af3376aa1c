import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "./errors.js";
import { writeFilesAtomically } from "./write-files.js";

// Failures are injected around `linkSync`, the step that places each file under its name.
const hooks = vi.hoisted(() => ({
  beforeLink: undefined as ((target: string, call: number) => void) | undefined,
  linkError: undefined as string | undefined,
  calls: 0,
}));

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    linkSync: (from: fs.PathLike, to: fs.PathLike) => {
      hooks.calls++;
      hooks.beforeLink?.(String(to), hooks.calls);
      if (hooks.linkError) {
        throw Object.assign(new Error(`${hooks.linkError}: injected`), { code: hooks.linkError });
      }
      actual.linkSync(from, to);
    },
  };
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), "lockstep-write-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  hooks.beforeLink = undefined;
  hooks.linkError = undefined;
  hooks.calls = 0;
});

let n = 0;
function freshDir(): string {
  return path.join(root, `case${++n}`);
}

/** Every file under `dir`, relative, sorted (temporary files included, to prove none is left). */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(dir, p)).isFile())
    .sort();
}

const files = [
  { path: "0001_a.sql", content: "SELECT 1;\n" },
  { path: "0001_a.down.sql", content: "SELECT -1;\n" },
  { path: "down/nested/0002_b.sql", content: "SELECT 2;\n" },
];

describe("writeFilesAtomically", () => {
  it("creates the folder, writes every file and returns absolute paths", () => {
    const dir = freshDir();
    const written = writeFilesAtomically(dir, files);
    expect(written).toEqual(files.map((f) => path.resolve(dir, f.path)));
    expect(tree(dir)).toEqual(["0001_a.down.sql", "0001_a.sql", path.join("down", "nested", "0002_b.sql")]);
    expect(fs.readFileSync(path.join(dir, "down/nested/0002_b.sql"), "utf8")).toBe("SELECT 2;\n");
  });

  it("writes nothing when a target exists, and names it", () => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "0001_a.down.sql"), "mine");
    const target = path.join(dir, "0001_a.down.sql");
    expect(() => writeFilesAtomically(dir, files)).toThrow(
      new InputError("already exists; Lockstep never overwrites a migration", target),
    );
    expect(tree(dir)).toEqual(["0001_a.down.sql"]);
    expect(fs.readFileSync(target, "utf8")).toBe("mine");
  });

  it("never overwrites a file that appears while writing, and removes what it wrote", () => {
    const dir = freshDir();
    const target = path.join(dir, "0001_a.down.sql");
    hooks.beforeLink = (to) => {
      if (to === target) fs.writeFileSync(target, "theirs");
    };
    let error: unknown;
    try {
      writeFilesAtomically(dir, files);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${target}: appeared while writing; Lockstep never overwrites a migration`,
    );
    expect(tree(dir)).toEqual(["0001_a.down.sql"]);
    expect(fs.readFileSync(target, "utf8")).toBe("theirs");
  });

  it("rolls back files, temporary files and created folders when a later write fails", () => {
    const dir = freshDir();
    hooks.beforeLink = (_to, call) => {
      if (call === 3) hooks.linkError = "EIO";
    };
    expect(() => writeFilesAtomically(dir, files)).toThrow("EIO: injected");
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("keeps a folder that existed, removing only its own files", () => {
    const dir = freshDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "0000_init.sql"), "SELECT 0;");
    hooks.beforeLink = (_to, call) => {
      if (call === 2) hooks.linkError = "ENOSPC";
    };
    expect(() => writeFilesAtomically(dir, files)).toThrow("ENOSPC: injected");
    expect(tree(dir)).toEqual(["0000_init.sql"]);
  });

  it("falls back to an exclusive create where the file system has no hard links", () => {
    const dir = freshDir();
    hooks.linkError = "EPERM";
    writeFilesAtomically(dir, files);
    expect(tree(dir)).toHaveLength(3);
    expect(fs.readFileSync(path.join(dir, "0001_a.sql"), "utf8")).toBe("SELECT 1;\n");
  });

  it("refuses paths that leave the folder", () => {
    expect(() => writeFilesAtomically(freshDir(), [{ path: "../x.sql", content: "" }])).toThrow(
      /leaves the output folder/,
    );
    expect(() => writeFilesAtomically(freshDir(), [{ path: "/tmp/x.sql", content: "" }])).toThrow(/is not relative/);
  });
});
