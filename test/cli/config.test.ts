import { describe, expect, it } from "vitest";
import { folderOf, runCli } from "../support.js";

describe("a typo in lockstep.config.json is exit 2, never ignored", () => {
  const dir = folderOf({
    "m.sql": "DROP TABLE users;\n",
    "lockstep.config.json": '{\n  "rules": {\n    "drop-table": "of"\n  }\n}\n',
  });

  it.each([
    ["lint", "m.sql"],
    ["trace", "m.sql"],
    ["plan", "--from", "m.sql", "--to", "m.sql"],
    ["diff", "--from", "m.sql", "--to", "m.sql"],
    ["verify", "."],
    ["inspect", "m.sql"],
    ["check", "."],
  ])("%s names the file, the line and column of the key, and the allowed values", async (...args) => {
    const run = await runCli(args, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'lockstep: lockstep.config.json:3:5: rules.drop-table: "of" is not allowed; allowed values: error, warning, info, off\n',
    );
  });
});
