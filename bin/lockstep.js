#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

// Exit explicitly: a database driver's idle handle must never keep the process alive.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`lockstep: internal error: ${err?.stack ?? err}\n`);
    process.exit(3);
  },
);
