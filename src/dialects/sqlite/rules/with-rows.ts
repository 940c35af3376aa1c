import type { Table } from "../../../schema/model.js";
import { createIndex, createTable, ident } from "../render.js";
import { sqlJs } from "../sqljs.js";
import { StandIns } from "../stubs.js";

/**
 * Asks SQLite whether an ALTER TABLE runs in place on the table as it stands in production: on a
 * scratch database holding the table (as lint knows it, else a stand-in) with one row, foreign
 * keys on, the statement runs; SQLite's refusal is the answer (undefined: it runs). Names the
 * statement reads that the scratch database lacks get stand-ins, as the split gives them.
 */
export function refusalWithRows(sql: string, table: string, known: Table | undefined): string | undefined {
  const db = new (sqlJs().Database)();
  try {
    if (known) {
      db.exec(createTable(known));
      for (const index of known.indexes) db.exec(createIndex(index, known));
      const columns = known.columns.filter((c) => c.generated === undefined);
      const values = columns.map((c) => (c.notNull ? "0" : "NULL"));
      db.exec(`PRAGMA ignore_check_constraints = ON`);
      db.exec(
        `INSERT INTO ${ident(known.name)} (${columns.map((c) => ident(c.name)).join(", ")}) VALUES (${values.join(", ")})`,
      );
      db.exec(`PRAGMA ignore_check_constraints = OFF`);
    } else {
      db.exec(`CREATE TABLE ${ident(table)} ("lockstep stand-in"); INSERT INTO ${ident(table)} VALUES (1)`);
    }
    db.exec("PRAGMA foreign_keys = ON");
    const standIns = new StandIns(db);
    for (let tries = 0; tries < 24; tries++) {
      try {
        db.exec(sql);
        return undefined;
      } catch (err) {
        const message = (err as Error).message;
        if (!standIns.supply(message)) return message;
      }
    }
    return undefined;
  } catch {
    // The table as lint knows it does not build here: no answer rather than a wrong one.
    return undefined;
  } finally {
    db.close();
  }
}
