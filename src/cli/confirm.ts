import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";

/** A prompt is only for a person at a terminal: never in CI, never when input or output is piped. */
export function canPrompt(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY && !env.CI);
}

/** Asks a yes/no question; only `y` or `yes` (any case) is a yes, and end of input is a no. */
export async function askYesNo(
  question: string,
  input: Readable = process.stdin,
  output: Writable = process.stderr,
): Promise<boolean> {
  const rl = createInterface({ input, output, terminal: false });
  try {
    const answer = await Promise.race([
      rl.question(`${question} [y/N] `),
      new Promise<string>((done) => rl.once("close", () => done(""))),
    ]);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
