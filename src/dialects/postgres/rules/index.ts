import type { Rule } from "../../../lint/rule.js";
import { addCheckNotValid } from "./add-check-not-valid.js";
import { addExclusionConstraint } from "./add-exclusion-constraint.js";
import { addForeignKeyNotValid } from "./add-foreign-key-not-valid.js";
import { addPrimaryKey } from "./add-primary-key.js";
import { addRequiredColumn } from "./add-required-column.js";
import { addSerialColumn } from "./add-serial-column.js";
import { addStoredGeneratedColumn } from "./add-stored-generated-column.js";
import { addUniqueConstraint } from "./add-unique-constraint.js";
import { banChar } from "./ban-char.js";
import { concurrentlyInTransaction } from "./concurrently-in-transaction.js";
import { detachPartitionWithoutConcurrently } from "./detach-partition-without-concurrently.js";
import { dropColumn } from "./drop-column.js";
import { dropDatabase } from "./drop-database.js";
import { dropSchema } from "./drop-schema.js";
import { dropTable } from "./drop-table.js";
import { enumAddValueInTransaction } from "./enum-add-value-in-transaction.js";
import { enumValueRemoved } from "./enum-value-removed.js";
import { identifierTooLong } from "./identifier-too-long.js";
import { missingForeignKeyIndex } from "./missing-foreign-key-index.js";
import { mixedDdlAndDml } from "./mixed-ddl-and-dml.js";
import { narrowingTypeChange } from "./narrowing-type-change.js";
import { preferBigint } from "./prefer-bigint.js";
import { preferIdentity } from "./prefer-identity.js";
import { preferJsonb } from "./prefer-jsonb.js";
import { preferText } from "./prefer-text.js";
import { preferTimestamptz } from "./prefer-timestamptz.js";
import { reindexWithoutConcurrently } from "./reindex-without-concurrently.js";
import { renameColumn } from "./rename-column.js";
import { renameTable } from "./rename-table.js";
import { requireConcurrentIndex } from "./require-concurrent-index.js";
import { requireConcurrentIndexDrop } from "./require-concurrent-index-drop.js";
import { requireLockTimeout } from "./require-lock-timeout.js";
import { setNotNullScan } from "./set-not-null-scan.js";
import { tableRewriteMaintenance } from "./table-rewrite-maintenance.js";
import { transactionNesting } from "./transaction-nesting.js";
import { truncateTable } from "./truncate-table.js";
import { typeChangeRewrite } from "./type-change-rewrite.js";
import { unbatchedBackfill } from "./unbatched-backfill.js";
import { validateInSameTransaction } from "./validate-in-same-transaction.js";
import { volatileDefaultRewrite } from "./volatile-default-rewrite.js";

/** Every rule, by name: a plain map. Order is the catalog's (../shared/RULES.md). */
export const RULES: readonly Rule[] = [
  dropTable,
  dropColumn,
  renameColumn,
  renameTable,
  addRequiredColumn,
  narrowingTypeChange,
  truncateTable,
  dropSchema,
  dropDatabase,
  enumValueRemoved,
  requireConcurrentIndex,
  requireConcurrentIndexDrop,
  concurrentlyInTransaction,
  addForeignKeyNotValid,
  addCheckNotValid,
  validateInSameTransaction,
  setNotNullScan,
  addUniqueConstraint,
  addPrimaryKey,
  volatileDefaultRewrite,
  typeChangeRewrite,
  addStoredGeneratedColumn,
  addSerialColumn,
  addExclusionConstraint,
  requireLockTimeout,
  enumAddValueInTransaction,
  reindexWithoutConcurrently,
  tableRewriteMaintenance,
  detachPartitionWithoutConcurrently,
  unbatchedBackfill,
  mixedDdlAndDml,
  missingForeignKeyIndex,
  transactionNesting,
  identifierTooLong,
  preferText,
  preferBigint,
  preferIdentity,
  preferTimestamptz,
  preferJsonb,
  banChar,
];

export function ruleByName(name: string): Rule | undefined {
  return RULES.find((r) => r.meta.name === name);
}
