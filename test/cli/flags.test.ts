import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support.js";

describe("malformed numeric flags are a usage error, exit 2, in every command", () => {
  it.each([
    [["plan", "--to", "x.sql", "--batch-size", "0"], "--batch-size 0: expected a positive whole number"],
    [
      ["lint", "x.sql", "--postgres-version", "fourteen"],
      "--postgres-version fourteen: expected a positive whole number",
    ],
    [["trace", "db", "--postgres-version", "-3"], "--postgres-version -3: expected a positive whole number"],
    [["trace", "db", "--last", "some"], "--last some: expected a positive whole number"],
    [["verify", "db", "--last", "1.5"], "--last 1.5: expected a positive whole number"],
  ])("%j", async (args, message) => {
    const run = await runCli(args, tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`lockstep: ${message}\n`);
    expect(run.stdout).toBe("");
  });
});
