/**
 * The comment Prisma Migrate writes above each statement of a migration.sql (`-- CreateTable`,
 * `-- AddForeignKey`, … its SQL migration step names), decided from the statement's parse tree.
 * Statements Prisma never writes (backfills, triggers, functions, lock_timeout) get a heading in
 * the same style, so every statement of a Lockstep migration is labelled alike.
 */
import type { SqlStatement } from "../../schema/statement.js";

type Node = Record<string, unknown>;

const BY_KIND: Readonly<Record<string, string>> = {
  CreateStmt: "CreateTable",
  IndexStmt: "CreateIndex",
  CreateEnumStmt: "CreateEnum",
  AlterEnumStmt: "AlterEnum",
  CreateExtensionStmt: "CreateExtension",
  CreateSchemaStmt: "CreateSchema",
  CreateSeqStmt: "CreateSequence",
  AlterSeqStmt: "AlterSequence",
  ViewStmt: "CreateView",
  CreateFunctionStmt: "CreateFunction",
  CreateTrigStmt: "CreateTrigger",
  UpdateStmt: "Backfill",
  DoStmt: "Backfill",
  CommentStmt: "Comment",
};

const DROPPED: Readonly<Record<string, string>> = {
  OBJECT_TABLE: "DropTable",
  OBJECT_INDEX: "DropIndex",
  OBJECT_TYPE: "DropEnum",
  OBJECT_VIEW: "DropView",
  OBJECT_MATVIEW: "DropView",
  OBJECT_SCHEMA: "DropSchema",
  OBJECT_EXTENSION: "DropExtension",
  OBJECT_FUNCTION: "DropFunction",
  OBJECT_TRIGGER: "DropTrigger",
  OBJECT_SEQUENCE: "DropSequence",
};

function commands(alter: Node): Node[] {
  return ((alter.cmds ?? []) as Node[]).map((c) => (c.AlterTableCmd ?? {}) as Node);
}

function isForeignKeyAdd(cmd: Node): boolean {
  const constraint = ((cmd.def as Node | undefined)?.Constraint ?? {}) as Node;
  return cmd.subtype === "AT_AddConstraint" && constraint.contype === "CONSTR_FOREIGN";
}

/** Names of the foreign keys the statements add: a drop of one of them is a DropForeignKey. */
function foreignKeysAdded(context: readonly SqlStatement[]): Set<string> {
  const names = new Set<string>();
  for (const s of context) {
    if (s.kind !== "AlterTableStmt") continue;
    for (const cmd of commands(s.ast.AlterTableStmt as Node)) {
      const name = ((cmd.def as Node | undefined)?.Constraint as Node | undefined)?.conname;
      if (isForeignKeyAdd(cmd) && typeof name === "string") names.add(name);
    }
  }
  return names;
}

/**
 * A constraint name that is a foreign key's: one the step adds as a foreign key, or one named the
 * way Prisma and PostgreSQL name them (`<table>_<column>_fkey`), since a drop does not say.
 */
function isForeignKeyName(name: unknown, context: readonly SqlStatement[]): boolean {
  return typeof name === "string" && (name.endsWith("_fkey") || foreignKeysAdded(context).has(name));
}

function alterTableHeading(node: Node, context: readonly SqlStatement[]): string {
  if (node.objtype === "OBJECT_INDEX") return "AlterIndex";
  const cmds = commands(node);
  if (cmds.length > 0 && cmds.every(isForeignKeyAdd)) return "AddForeignKey";
  const drops = cmds.every((c) => c.subtype === "AT_DropConstraint" && isForeignKeyName(c.name, context));
  return cmds.length > 0 && drops ? "DropForeignKey" : "AlterTable";
}

function renameHeading(node: Node, context: readonly SqlStatement[]): string {
  if (node.renameType === "OBJECT_INDEX") return "RenameIndex";
  if (node.renameType === "OBJECT_TABLE") return "RenameTable";
  if (node.renameType === "OBJECT_TABCONSTRAINT" && isForeignKeyName(node.subname, context)) return "RenameForeignKey";
  return "AlterTable";
}

/**
 * The heading of one statement, from its kind (and PostgreSQL's parse tree); `context` holds every
 * statement of its step, up and down, to tell a dropped foreign key from another constraint.
 */
export function prismaHeading(stmt: SqlStatement, context: readonly SqlStatement[] = []): string {
  const kind = stmt.kind;
  // PostgreSQL's tree is keyed by its node type; SQLite's kinds already read as Prisma's headings.
  const node = (stmt.ast[kind] ?? {}) as Node;
  switch (kind) {
    case "AlterTableStmt":
      return alterTableHeading(node, context);
    case "RenameStmt":
      return renameHeading(node, context);
    case "DropStmt":
      return DROPPED[node.removeType as string] ?? "Drop";
    case "VariableSetStmt":
      return node.name === "lock_timeout" ? "SetLockTimeout" : "Set";
    default:
      return BY_KIND[kind] ?? (/^AlterTable./.test(kind) ? "AlterTable" : kind.replace(/Stmt$/, ""));
  }
}
