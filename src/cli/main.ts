import { Command, CommanderError } from "commander";
import { SqlSyntaxError } from "../schema/statement.js";
import { shutdownEngines, UnreachableServerError } from "../engines/engine.js";
import { setColor } from "../report/paint.js";
import { InputError } from "../util/errors.js";
import { NO_COLOR_HELP, wantsColor } from "./color.js";
import { checkCommand } from "./check.js";
import { detectCommand } from "./detect.js";
import { diffCommand } from "./diff.js";
import { downsCommand } from "./downs.js";
import { inspectCommand } from "./inspect.js";
import { lintCommand } from "./lint.js";
import { traceCommand } from "./trace.js";
import { verifyCommand } from "./verify.js";
import { UsageError } from "./common.js";
import { planCommand } from "./plan.js";

/**
 * The `lockstep` command. Returns the exit code: 0 PASS (and WARN), 1 BLOCK, 2 bad usage or input
 * (one line on stderr naming file, line and column where there is one).
 */
export interface MainOptions {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** Keep the embedded engine running after the command (tests run many commands in one process). */
  readonly keepEngine?: boolean;
  /** Whether stderr is a terminal (progress lines); default: process.stderr's, when stderr is not given. */
  readonly stderrIsTTY?: boolean;
  /** Whether stdout is a terminal (colour); default: process.stdout's, when stdout is not given. */
  readonly stdoutIsTTY?: boolean;
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const stdout = options.stdout ?? ((s: string) => void process.stdout.write(s));
  const stderr = options.stderr ?? ((s: string) => void process.stderr.write(s));
  let code = 0;
  const program = new Command("lockstep")
    .description("Safe, reversible, verified database schema migrations")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: stderr, writeOut: stdout })
    .showSuggestionAfterError()
    .option("--no-color", NO_COLOR_HELP);
  const tty = options.stderrIsTTY ?? (!options.stderr && process.stderr.isTTY === true);
  const context = { setExit: (c: number) => (code = c), stdout, argv, ...(tty ? { progress: stderr } : {}) };
  const stdoutIsTTY = options.stdoutIsTTY ?? (!options.stdout && process.stdout.isTTY === true);
  // The command's own --no-color, or the program's (`lockstep --no-color lint …`).
  program.hook("preAction", (_program, action) => {
    const flag = action.opts().color === false || program.opts().color === false ? false : undefined;
    setColor(wantsColor({ flag, env: process.env, isTTY: stdoutIsTTY }));
  });
  for (const command of [
    detectCommand(context),
    inspectCommand(context),
    diffCommand(context),
    planCommand(context),
    lintCommand(context),
    traceCommand(context),
    verifyCommand(context),
    downsCommand(context),
    checkCommand(context),
  ])
    program.addCommand(
      command
        .option("--no-color", NO_COLOR_HELP)
        .exitOverride()
        .configureOutput({ writeErr: stderr, writeOut: stdout }),
    );
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is a usage error, already printed.
      return err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version" ? 0 : 2;
    }
    if (err instanceof InputError || err instanceof UsageError || err instanceof UnreachableServerError) {
      stderr(`lockstep: ${err.message.split("\n")[0]}\n`);
      return 2;
    }
    if (err instanceof SqlSyntaxError) {
      stderr(`lockstep: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    setColor(false);
    if (!options.keepEngine) await shutdownEngines();
  }
}
