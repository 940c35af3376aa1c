import { ident, qualified } from "../dialects/postgres/render.js";
import type { Table } from "../schema/model.js";

/**
 * A batched UPDATE: walks the primary key in batches of `size`, committing after each batch so
 * no transaction holds many row locks and replicas keep up. One statement (a DO block), to run
 * outside a transaction. Undefined when the table has no single-column key to walk.
 */
export function batchedUpdate(table: Table, set: string, where: string, size: number): string | undefined {
  const pk = table.primaryKey?.columns;
  if (!pk || pk.length !== 1) return undefined;
  const t = qualified(table);
  const id = ident(pk[0]!);
  return `DO $lockstep$
DECLARE
  last_id ${t}.${id}%TYPE;
  batch_end ${t}.${id}%TYPE;
BEGIN
  LOOP
    SELECT max(${id}) INTO batch_end FROM (
      SELECT ${id} FROM ${t} WHERE last_id IS NULL OR ${id} > last_id ORDER BY ${id} LIMIT ${size}
    ) AS batch;
    EXIT WHEN batch_end IS NULL;
    UPDATE ${t} SET ${set}
      WHERE (last_id IS NULL OR ${id} > last_id) AND ${id} <= batch_end AND (${where});
    last_id := batch_end;
    COMMIT;
  END LOOP;
END
$lockstep$`;
}

/** The update in one statement, for tables without a single-column key. */
export function plainUpdate(table: Table, set: string, where: string): string {
  return `UPDATE ${qualified(table)} SET ${set} WHERE ${where}`;
}
