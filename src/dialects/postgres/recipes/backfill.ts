import { ident, qualified } from "../render.js";
import type { Table } from "../../../schema/model.js";

/**
 * A batched UPDATE: walks the primary key (single or composite, compared as a row) in batches of
 * `size`, committing after each batch so no transaction holds many row locks and replicas keep
 * up. One statement (a DO block), to run outside a transaction. Undefined when the table has no
 * primary key to walk.
 */
export function batchedUpdate(table: Table, set: string, where: string, size: number): string | undefined {
  const pk = table.primaryKey?.columns;
  if (!pk || pk.length === 0) return undefined;
  const t = qualified(table);
  const cols = pk.map(ident);
  const last = pk.map((_, i) => `last_${i}`);
  const end = pk.map((_, i) => `end_${i}`);
  const row = (names: readonly string[]) => (names.length === 1 ? names[0]! : `(${names.join(", ")})`);
  const after = `(${last[0]} IS NULL OR ${row(cols)} > ${row(last)})`;
  const declare = cols.flatMap((c, i) => [`  ${last[i]} ${t}.${c}%TYPE;`, `  ${end[i]} ${t}.${c}%TYPE;`]);
  return `DO $lockstep$
DECLARE
${declare.join("\n")}
BEGIN
  LOOP
    SELECT ${cols.join(", ")} INTO ${end.join(", ")} FROM (
      SELECT ${cols.join(", ")} FROM ${t} WHERE ${after} ORDER BY ${cols.join(", ")} LIMIT ${size}
    ) AS batch ORDER BY ${cols.map((c) => `${c} DESC`).join(", ")} LIMIT 1;
    EXIT WHEN NOT FOUND;
    UPDATE ${t} SET ${set}
      WHERE ${after} AND ${row(cols)} <= ${row(end)} AND (${where});
    ${last.map((l, i) => `${l} := ${end[i]};`).join(" ")}
    COMMIT;
  END LOOP;
END
$lockstep$`;
}

/** The update in one statement, for tables without a primary key to walk. */
export function plainUpdate(table: Table, set: string, where: string): string {
  return `UPDATE ${qualified(table)} SET ${set} WHERE ${where}`;
}
