import { Command, CommanderError } from "commander";
import { SqlSyntaxError } from "../dialects/postgres/parse.js";
import { shutdownPglite } from "../engines/pglite.js";
import { UnreachableServerError } from "../engines/postgres.js";
import { InputError } from "../util/errors.js";
import { planCommand, UsageError } from "./plan.js";

/**
 * The `lockstep` command. Returns the exit code: 0 PASS (and WARN), 1 BLOCK, 2 bad usage or input
 * (one line on stderr naming file, line and column where there is one).
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command("lockstep")
    .description("Safe, reversible, verified database schema migrations")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showSuggestionAfterError();
  program.addCommand(planCommand((c) => (code = c)).exitOverride());
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is a usage error, already printed.
      return err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version" ? 0 : 2;
    }
    if (err instanceof InputError || err instanceof UsageError || err instanceof UnreachableServerError) {
      process.stderr.write(`lockstep: ${err.message.split("\n")[0]}\n`);
      return 2;
    }
    if (err instanceof SqlSyntaxError) {
      process.stderr.write(`lockstep: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await shutdownPglite();
  }
}
