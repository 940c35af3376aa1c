/**
 * Which statements must run outside a transaction block, from their parse tree. Shared by the
 * format readers (what a tool runs alone), the sources (how a declarative file is grouped into
 * transactions) and the linter.
 */
type Node = Record<string, unknown>;

/**
 * How many statements Lockstep runs in one transaction of its own making (a declarative schema
 * built in groups, a plan step of many tables). Every relation a transaction creates or alters
 * holds a lock until it ends, in a lock table the whole server shares: max_locks_per_transaction
 * (64) × max_connections (100) = 6,400 by default. A CREATE TABLE takes up to six or so (the table,
 * its TOAST table and index, a sequence, its key's index): 400 statements stay well inside it, where
 * a 2,000-table schema in one transaction runs out of shared memory.
 */
export const STATEMENTS_PER_TRANSACTION = 400;

/**
 * Statements PostgreSQL refuses inside a transaction block (PreventInTransactionBlock), plus
 * those it runs differently there: ALTER TYPE … ADD VALUE (the value cannot be used before
 * commit; refused before PostgreSQL 12), CALL and DO (no COMMIT inside them in a block).
 */
export function outsideTransactionOnly(stmt: Node): boolean {
  const [kind, body] = Object.entries(stmt)[0] ?? [];
  const node = (body ?? {}) as Node;
  switch (kind) {
    case "IndexStmt":
      return node.concurrent === true;
    case "DropStmt":
      return node.concurrent === true;
    case "ReindexStmt":
      return (
        hasOption(node.params, "concurrently") ||
        ["REINDEX_OBJECT_SCHEMA", "REINDEX_OBJECT_DATABASE", "REINDEX_OBJECT_SYSTEM"].includes(node.kind as string)
      );
    case "VacuumStmt":
      return node.is_vacuumcmd === true;
    case "ClusterStmt":
      return node.relation === undefined;
    case "AlterTableStmt":
      return ((node.cmds ?? []) as Node[]).some((c) => {
        const cmd = (c.AlterTableCmd ?? {}) as Node;
        const part = ((cmd.def as Node | undefined)?.PartitionCmd ?? {}) as Node;
        return cmd.subtype === "AT_DetachPartition" && part.concurrent === true;
      });
    case "AlterEnumStmt":
      return node.newVal !== undefined && node.oldVal === undefined;
    case "DiscardStmt":
      return node.target === "DISCARD_ALL";
    case "CreatedbStmt":
    case "DropdbStmt":
    case "CreateTableSpaceStmt":
    case "DropTableSpaceStmt":
    case "CreateSubscriptionStmt":
    case "DropSubscriptionStmt":
    case "AlterSystemStmt":
    case "CallStmt":
    case "DoStmt":
      return true;
    default:
      return false;
  }
}

function hasOption(params: unknown, name: string): boolean {
  return Array.isArray(params) && params.some((p) => (p as { DefElem?: Node }).DefElem?.defname === name);
}

/** BEGIN, COMMIT, ROLLBACK… written in the SQL itself. */
export function isTransactionControl(stmt: Node): boolean {
  return "TransactionStmt" in stmt;
}

// Every statement `outsideTransactionOnly` accepts has one of these words.
const OUTSIDE_TRANSACTION_HINT =
  /concurrently|database|tablespace|subscription|system|reindex|vacuum|discard|cluster|add\s+value|\bcall\b|\bdo\b/i;

/** Cheap test before parsing: false when the text cannot hold a statement `outsideTransactionOnly` accepts. */
export function mayHoldOutsideTransactionOnly(text: string): boolean {
  return OUTSIDE_TRANSACTION_HINT.test(text);
}

/** BEGIN / START TRANSACTION opens a block; COMMIT / ROLLBACK closes it (SAVEPOINT and the rest do neither). */
export function transactionControl(stmt: { readonly kind: string; readonly ast: Node }): "begin" | "end" | undefined {
  if (stmt.kind !== "TransactionStmt") return undefined;
  const kind = (stmt.ast.TransactionStmt as Node).kind;
  if (kind === "TRANS_STMT_BEGIN" || kind === "TRANS_STMT_START") return "begin";
  if (kind === "TRANS_STMT_COMMIT" || kind === "TRANS_STMT_ROLLBACK") return "end";
  return undefined;
}
