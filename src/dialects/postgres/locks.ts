import type { SqlStatement } from "./parse.js";
import { dottedName, nodeOf, rangeVarName } from "./statements.js";

/**
 * Which tables a statement locks heavily enough to queue behind running queries (ACCESS EXCLUSIVE,
 * or SHARE / SHARE ROW EXCLUSIVE), read from its parse tree. Such statements want a lock_timeout.
 */
import type { Node } from "./statements.js";

export function heavyLockTargets(stmt: SqlStatement): string[] {
  const node = stmt.ast[stmt.kind] as Node;
  switch (stmt.kind) {
    case "AlterTableStmt":
      // ADD FOREIGN KEY also takes SHARE ROW EXCLUSIVE on the table it references.
      return [rangeVarName(node.relation), ...referencedByAddedForeignKeys(node)].filter((x): x is string => !!x);
    case "RenameStmt":
    case "CreateTrigStmt":
      return [rangeVarName(node.relation)].filter((x): x is string => !!x);
    case "IndexStmt":
      return node.concurrent ? [] : [rangeVarName(node.relation)].filter((x): x is string => !!x);
    case "TruncateStmt":
      return ((node.relations as Node[]) ?? []).map((r) => rangeVarName(r.RangeVar)).filter((x): x is string => !!x);
    case "DropStmt": {
      if (node.concurrent || (node.removeType !== "OBJECT_TABLE" && node.removeType !== "OBJECT_INDEX")) return [];
      return ((node.objects as unknown[]) ?? []).map(dottedName);
    }
    default:
      return [];
  }
}

function referencedByAddedForeignKeys(alter: Node): (string | undefined)[] {
  return ((alter.cmds ?? []) as Node[]).map((c) => {
    const cmd = (c.AlterTableCmd ?? {}) as Node;
    const con = (cmd.def as Node | undefined)?.Constraint as Node | undefined;
    return cmd.subtype === "AT_AddConstraint" && con?.contype === "CONSTR_FOREIGN"
      ? rangeVarName(con.pktable)
      : undefined;
  });
}

/** Tables a statement creates. */
export function createdTables(stmt: SqlStatement): string[] {
  if (stmt.kind !== "CreateStmt") return [];
  const name = rangeVarName((stmt.ast.CreateStmt as Node).relation);
  return name ? [name] : [];
}

/** ALTER TABLE commands that take less than ACCESS EXCLUSIVE (SHARE UPDATE EXCLUSIVE or SHARE ROW EXCLUSIVE). */
const LIGHTER = new Set([
  "AT_ValidateConstraint",
  "AT_SetStatistics",
  "AT_SetOptions",
  "AT_ResetOptions",
  "AT_ClusterOn",
  "AT_DropCluster",
  "AT_SetRelOptions",
  "AT_ResetRelOptions",
  "AT_EnableTrig",
  "AT_DisableTrig",
  "AT_EnableTrigAll",
  "AT_DisableTrigAll",
  "AT_EnableTrigUser",
  "AT_DisableTrigUser",
  "AT_AttachPartition",
]);

/**
 * Relations a statement locks ACCESS EXCLUSIVE (everything else waits, reads included): most
 * ALTER TABLE forms, renames, DROP TABLE/INDEX without CONCURRENTLY, TRUNCATE, VACUUM FULL, CLUSTER.
 */
export function accessExclusiveTargets(stmt: SqlStatement): string[] {
  const node = nodeOf(stmt);
  const one = (rel: unknown) => [rangeVarName(rel)].filter((x): x is string => !!x);
  switch (stmt.kind) {
    case "AlterTableStmt": {
      const cmds = ((node.cmds ?? []) as Node[]).map((c) => (c.AlterTableCmd ?? {}) as Node);
      const heavy = cmds.some((c) => {
        if (LIGHTER.has(String(c.subtype))) return false;
        const con = (c.def as Node | undefined)?.Constraint as Node | undefined;
        if (c.subtype === "AT_AddConstraint" && con?.contype === "CONSTR_FOREIGN") return false;
        if (c.subtype === "AT_DetachPartition")
          return ((c.def as Node | undefined)?.PartitionCmd as Node | undefined)?.concurrent !== true;
        return true;
      });
      return heavy ? one(node.relation) : [];
    }
    case "RenameStmt":
      return one(node.relation);
    case "TruncateStmt":
      return ((node.relations ?? []) as Node[]).flatMap((r) => one(r.RangeVar));
    case "DropStmt":
      if (node.concurrent || (node.removeType !== "OBJECT_TABLE" && node.removeType !== "OBJECT_INDEX")) return [];
      return ((node.objects ?? []) as unknown[]).map(dottedName);
    case "VacuumStmt": {
      const full = ((node.options ?? []) as Node[]).some((o) => (o.DefElem as Node | undefined)?.defname === "full");
      if (!full) return [];
      return ((node.rels ?? []) as Node[]).flatMap((r) => one((r.VacuumRelation as Node | undefined)?.relation));
    }
    case "ClusterStmt":
      return one(node.relation);
    default:
      return [];
  }
}

/** The table lock a statement asks for, as PostgreSQL documents it, for reports. */
export interface StatementLock {
  readonly mode: "ACCESS EXCLUSIVE" | "SHARE ROW EXCLUSIVE" | "SHARE" | "SHARE UPDATE EXCLUSIVE" | "ROW EXCLUSIVE";
  readonly relation: string;
}

/**
 * The heaviest table lock a statement asks for, read from its parse tree (PostgreSQL's "Explicit
 * Locking" table): none for statements that touch no existing table (CREATE TABLE, SET, …).
 */
export function statementLocks(stmt: SqlStatement): StatementLock[] {
  const exclusive = accessExclusiveTargets(stmt);
  if (exclusive.length) return exclusive.map((relation) => ({ mode: "ACCESS EXCLUSIVE", relation }));
  const node = nodeOf(stmt);
  const on = (mode: StatementLock["mode"], rel: unknown): StatementLock[] => {
    const relation = rangeVarName(rel);
    return relation ? [{ mode, relation }] : [];
  };
  switch (stmt.kind) {
    case "IndexStmt":
      return on(node.concurrent ? "SHARE UPDATE EXCLUSIVE" : "SHARE", node.relation);
    case "AlterTableStmt": {
      const cmds = ((node.cmds ?? []) as Node[]).map((c) => (c.AlterTableCmd ?? {}) as Node);
      const foreignKey = cmds.some(
        (c) => ((c.def as Node | undefined)?.Constraint as Node | undefined)?.contype === "CONSTR_FOREIGN",
      );
      return on(foreignKey ? "SHARE ROW EXCLUSIVE" : "SHARE UPDATE EXCLUSIVE", node.relation);
    }
    case "CreateTrigStmt":
      return on("SHARE ROW EXCLUSIVE", node.relation);
    case "InsertStmt":
    case "UpdateStmt":
    case "DeleteStmt":
      return on("ROW EXCLUSIVE", node.relation);
    default:
      return [];
  }
}
