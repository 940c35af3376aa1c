import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { askYesNo, canPrompt } from "./confirm.js";

async function answer(text: string | undefined): Promise<{ yes: boolean; asked: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let asked = "";
  output.on("data", (d: Buffer) => (asked += d.toString()));
  const pending = askYesNo("Confirm 2 breaking changes and write the files?", input, output);
  if (text === undefined) input.end();
  else input.write(text);
  return { yes: await pending, asked };
}

describe("confirmation prompt", () => {
  it("takes y or yes as a yes, anything else or end of input as a no", async () => {
    expect(await answer("y\n")).toEqual({ yes: true, asked: "Confirm 2 breaking changes and write the files? [y/N] " });
    expect((await answer("YES\n")).yes).toBe(true);
    expect((await answer("\n")).yes).toBe(false);
    expect((await answer("no\n")).yes).toBe(false);
    expect((await answer("yep\n")).yes).toBe(false);
    expect((await answer(undefined)).yes).toBe(false);
  });

  it("never prompts in CI", () => {
    expect(canPrompt({ CI: "true" })).toBe(false);
  });
});
