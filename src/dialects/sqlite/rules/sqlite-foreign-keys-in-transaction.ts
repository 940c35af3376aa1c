import type { Rule } from "../../../lint/rule.js";
import { infoOf } from "./statement-info.js";

export const sqliteForeignKeysInTransaction: Rule = {
  meta: {
    name: "sqlite-foreign-keys-in-transaction",
    severity: "warning",
    description: "PRAGMA foreign_keys set inside a transaction, where SQLite ignores it",
    docs: "SQLite does not change foreign key enforcement inside a transaction: PRAGMA foreign_keys=OFF there is a silent no-op, so a table rebuild that counts on it drops a parent with foreign keys still on (ON DELETE CASCADE deletes the children's rows, or the DROP fails). A plain .sql file runs in one transaction in most runners. Set it before BEGIN, in a step the runner does not wrap (the format's no-transaction marker), and back on after COMMIT.",
  },
  kinds: ["Pragma"],
  check(stmt, ctx) {
    const info = infoOf(stmt);
    // Reading it (`PRAGMA foreign_keys`) changes nothing; setting it is what does nothing here.
    if (info.pragma?.name.toLowerCase() !== "foreign_keys" || !stmt.inTransaction) return;
    if (/^PRAGMA\s+(?:\w+\.)?foreign_keys\s*;?$/i.test(info.normalized)) return;
    ctx.report({
      message: "PRAGMA foreign_keys does nothing inside a transaction: foreign keys stay as they were",
      fix: "-- outside the transaction (the format's no-transaction marker), before BEGIN:\nPRAGMA foreign_keys=OFF;\nBEGIN;\n-- … the rebuild …\nPRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys=ON;",
    });
  },
};
