/** SQLite's lint rules, in the order of the catalog (RULES.md's SQLite section, then the breaking rules). */
import type { Rule } from "../../../lint/rule.js";
import { addRequiredColumn } from "./add-required-column.js";
import { dropColumn } from "./drop-column.js";
import { dropTable } from "./drop-table.js";
import { renameColumn } from "./rename-column.js";
import { renameTable } from "./rename-table.js";
import { sqliteDropColumnVersion } from "./sqlite-drop-column-version.js";
import { sqliteForeignKeysInTransaction } from "./sqlite-foreign-keys-in-transaction.js";
import { sqliteRebuildWithoutForeignKeyCheck } from "./sqlite-rebuild-without-foreign-key-check.js";
import { sqliteRenameColumnVersion } from "./sqlite-rename-column-version.js";
import { sqliteTableRebuild } from "./sqlite-table-rebuild.js";
import { sqliteTypeAffinity } from "./sqlite-type-affinity.js";

export const RULES: readonly Rule[] = [
  sqliteTableRebuild,
  sqliteDropColumnVersion,
  sqliteRenameColumnVersion,
  sqliteForeignKeysInTransaction,
  sqliteRebuildWithoutForeignKeyCheck,
  sqliteTypeAffinity,
  dropTable,
  dropColumn,
  renameColumn,
  renameTable,
  addRequiredColumn,
];

export function ruleByName(name: string): Rule | undefined {
  return RULES.find((r) => r.meta.name === name);
}
