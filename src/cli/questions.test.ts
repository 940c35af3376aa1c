import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { testSchema, testTable } from "../lint/testing.js";
import { postgres } from "../dialects/postgres/index.js";
import { defaultPlanOptions } from "../plan/ops.js";
import { missingInputs, noAnswers, type PlanAnswers } from "../plan/questions.js";
import type { Schema } from "../schema/model.js";
import { openPrompt } from "./confirm.js";
import { askPlanInputs } from "./questions.js";

// users(id, name) → users(id, full_name, role NOT NULL): a possible rename, a value, and confirmation.
const key = { primaryKey: { name: "users_pkey", columns: ["id"] } };
const from: Schema = testSchema([testTable("users", { id: "bigint", name: "text" }, key)]);
const required = testTable("users", { id: "bigint", full_name: "text", role: "text" }, key);
const to: Schema = testSchema([
  { ...required, columns: required.columns.map((c) => (c.name === "role" ? { ...c, notNull: true } : c)) },
]);
const next = (answers: PlanAnswers) => missingInputs(from, to, answers, { ...defaultPlanOptions, dialect: postgres });

/** Runs the round with `typed` as everything the user types (sent at once, before any question). */
async function round(typed: string | undefined, given: PlanAnswers = noAnswers) {
  const input = new PassThrough();
  const output = new PassThrough();
  let asked = "";
  output.on("data", (d: Buffer) => (asked += d.toString()));
  let said = "";
  if (typed !== undefined) input.write(typed);
  input.end();
  const prompt = openPrompt(input, output);
  try {
    const answers = await askPlanInputs(
      next(given),
      given,
      next,
      prompt,
      (t) => void (said += t),
      " and write the files",
    );
    return { answers, asked, said };
  } finally {
    prompt.close();
  }
}

describe("one round of questions for a plan", () => {
  it("finds every missing input at once, with the flags that answer them all", () => {
    const missing = next(noAnswers);
    expect(missing.renames).toEqual([{ from: "users.name", candidates: ["full_name", "role"] }]);
    expect(missing.backfills).toEqual([{ column: "users.role", type: "text" }]);
    expect(missing.breaking.map((c) => c.kind)).toEqual(["rename_column", "add_column"]);
    expect(missing.flags).toEqual([
      "--rename users.name=full_name",
      '--backfill "users.role=<SQL expression>"',
      "--allow-breaking",
    ]);
    const answered = next({
      ...noAnswers,
      renames: ["users.name=full_name"],
      backfills: ["users.role='x'"],
      allowBreaking: true,
    });
    expect(answered.flags).toEqual([]);
  });

  it("asks rename, value and confirmation in one sequence and returns every answer", async () => {
    const { answers, asked, said } = await round("y\n'member'\ny\n");
    expect(answers).toEqual({
      renames: ["users.name=full_name"],
      notRenamed: [],
      backfills: ["users.role='member'"],
      allowBreaking: true,
    });
    expect(asked.split("] ").length).toBe(3);
    expect(asked).toMatch(
      /^Is users\.name renamed to full_name\? \[y\/N\] SQL value for the existing rows of users\.role \(text\).*: Confirm the 2 breaking changes and write the files\? \[y\/N\] $/,
    );
    expect(said).toContain("rename_column users.name full_name");
  });

  it("a no to a rename asks the next candidate, and what the answer leaves changes the questions", async () => {
    const { answers, asked } = await round("n\nn\n'member'\nyes\n");
    expect(answers).toEqual({
      renames: [],
      notRenamed: ["users.name=full_name", "users.name=role"],
      backfills: ["users.role='member'"],
      allowBreaking: true,
    });
    expect(asked).toContain("Is users.name renamed to role? [y/N] ");
    // Not a rename: the drop of users.name is the breaking change now.
    expect(asked).toContain("Confirm the 2 breaking changes");
  });

  it("asks only what the flags did not answer", async () => {
    const given = { ...noAnswers, renames: ["users.name=full_name"], allowBreaking: true };
    const { answers, asked } = await round("now()::text\n", given);
    expect(answers).toEqual({ ...given, backfills: ["users.role=now()::text"] });
    expect(asked).toMatch(/^SQL value for the existing rows of users\.role \(text\)[^\n]*: $/);
  });

  it("stops with nothing planned on an empty value, a no, or the end of input", async () => {
    const empty = await round("y\n\n");
    expect(empty.answers).toBeUndefined();
    expect(empty.said).toBe("No value for users.role: nothing planned.\n");
    const no = await round("y\n'member'\nn\n");
    expect(no.answers).toBeUndefined();
    expect(no.said).toContain("Not confirmed: nothing written.");
    expect((await round(undefined)).answers).toBeUndefined();
  });
});
