import { alterTable, ident, qualified } from "../render.js";
import type { Table } from "../../../schema/model.js";
import { shortName } from "./shared.js";

/**
 * A trigger that keeps two columns in step while old and new code run side by side: an
 * expand/contract rename (both ways) or a type swap (old → new only).
 */
export interface SyncTrigger {
  readonly create: string[];
  readonly drop: string[];
}

export function syncTrigger(
  table: Table,
  oldCol: string,
  newCol: string,
  options: { twoWay: boolean; convert?: (expr: string) => string; postgresVersion: number },
): SyncTrigger {
  const fn = { schema: table.schema, name: shortName(`lockstep_sync_${table.name}_${oldCol}_${newCol}`) };
  const trigger = ident(shortName(`lockstep_sync_${oldCol}_${newCol}`));
  const o = `NEW.${ident(oldCol)}`;
  const n = `NEW.${ident(newCol)}`;
  const toNew = options.convert ? options.convert(o) : o;
  const body = options.twoWay
    ? `  IF TG_OP = 'INSERT' THEN
    IF ${n} IS NULL THEN ${n} := ${o}; END IF;
    IF ${o} IS NULL THEN ${o} := ${n}; END IF;
  ELSIF ${n} IS DISTINCT FROM OLD.${ident(newCol)} THEN
    ${o} := ${n};
  ELSE
    ${n} := ${o};
  END IF;`
    : `  ${n} := ${toNew};`;
  const exec = options.postgresVersion >= 11 ? "EXECUTE FUNCTION" : "EXECUTE PROCEDURE";
  return {
    create: [
      `CREATE FUNCTION ${qualified(fn)}() RETURNS trigger LANGUAGE plpgsql AS $lockstep$
BEGIN
${body}
  RETURN NEW;
END
$lockstep$`,
      `CREATE TRIGGER ${trigger} BEFORE INSERT OR UPDATE ON ${qualified(table)} FOR EACH ROW ${exec} ${qualified(fn)}()`,
    ],
    drop: [`DROP TRIGGER ${trigger} ON ${qualified(table)}`, `DROP FUNCTION ${qualified(fn)}()`],
  };
}

export { alterTable };
