#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

/** Exits once stdout and stderr are flushed (a pipe takes writes asynchronously). */
function exitAfterFlush(code) {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

// Exit explicitly: a database driver's idle handle must never keep the process alive.
main(process.argv.slice(2)).then(exitAfterFlush, (err) => {
  process.stderr.write(`lockstep: internal error: ${err?.stack ?? err}\n`);
  exitAfterFlush(3);
});
