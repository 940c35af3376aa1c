/**
 * What SQLite statements leave for the later ones of a migration. SQLite has no lock timeout and
 * no NOT VALID constraints: the session answers those as never set. It follows PRAGMA
 * foreign_keys outside transactions (inside one it does nothing), for rules that ask.
 */
import type { LintSession } from "../../lint/rule.js";
import type { SqliteStatementInfo } from "./statement-kind.js";

export interface SqliteLintSession extends LintSession {
  /** Foreign keys as the migration left them so far: true (on, as applications run SQLite) unless turned off outside a transaction. */
  readonly foreignKeys: boolean;
}

export function lintSession(): SqliteLintSession {
  let foreignKeys = true;
  const none: ReadonlySet<string> = new Set();
  return {
    startMigration() {
      foreignKeys = true;
    },
    lockTimeoutSet: false,
    notValidInTransaction: none,
    notNullChecked: () => false,
    get foreignKeys() {
      return foreignKeys;
    },
    after(stmt, inBlock) {
      const pragma = (stmt.ast as unknown as SqliteStatementInfo).pragma;
      if (!inBlock && pragma?.name.toLowerCase() === "foreign_keys" && pragma.value !== undefined)
        foreignKeys = Number(pragma.value) === 1;
    },
    endBlock() {},
  };
}
