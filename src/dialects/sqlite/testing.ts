/**
 * For tests of verify and trace on SQLite while its lint members are being built elsewhere
 * (h-sqlite-lint): the sqlite dialect, with an inert lint session and table tracking where the
 * dialect still answers "not built". Once they are built, this is the dialect itself.
 */
import type { LintSession } from "../../lint/rule.js";
import type { Dialect } from "../dialect.js";
import { sqlite } from "./index.js";

const inertSession = (): LintSession => ({
  startMigration() {},
  lockTimeoutSet: false,
  notValidInTransaction: new Set(),
  notNullChecked: () => false,
  after() {},
  endBlock() {},
});

function built(call: () => unknown): boolean {
  try {
    call();
    return true;
  } catch (err) {
    return !/does not support .* yet/.test((err as Error).message);
  }
}

export const sqliteForTests: Dialect = {
  ...sqlite,
  ...(built(() => sqlite.lintSession()) ? {} : { lintSession: inertSession }),
  ...(built(() => sqlite.applyToTables({ sql: "", kind: "Unknown", ast: {}, line: 1, column: 1 }, new Map()))
    ? {}
    : { applyToTables: () => {} }),
};
