import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

/** A prompt is only for a person at a terminal: never in CI, never when input or output is piped. */
export function canPrompt(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY && !env.CI);
}

/** Questions asked one after another on the same streams; end of input answers "". */
export interface Prompt {
  ask(question: string): Promise<string>;
  close(): void;
}

/**
 * One reader for a whole round of questions. Lines are queued as they arrive, so answers typed
 * (or piped) ahead of their question are kept for it rather than lost between questions.
 */
export function openPrompt(input: Readable = process.stdin, output: Writable = process.stderr): Prompt {
  const rl = createInterface({ input, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let closed = false;
  rl.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  rl.once("close", () => {
    closed = true;
    for (const next of waiting.splice(0)) next("");
  });
  return {
    ask(question) {
      output.write(question);
      if (lines.length) return Promise.resolve(lines.shift()!);
      if (closed) return Promise.resolve("");
      return new Promise((done) => waiting.push(done));
    },
    close: () => rl.close(),
  };
}

/** Only `y` or `yes` (any case) is a yes. */
export function isYes(answer: string): boolean {
  return /^\s*y(es)?\s*$/i.test(answer);
}

/** Asks a yes/no question; only `y` or `yes` (any case) is a yes, and end of input is a no. */
export async function askYesNo(
  question: string,
  input: Readable = process.stdin,
  output: Writable = process.stderr,
): Promise<boolean> {
  const prompt = openPrompt(input, output);
  try {
    return isYes(await prompt.ask(`${question} [y/N] `));
  } finally {
    prompt.close();
  }
}
