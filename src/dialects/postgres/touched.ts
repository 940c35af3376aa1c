import type { Schema } from "../../schema/model.js";
import type { SqlStatement } from "../../schema/statement.js";
import type { Touched } from "../../verify/touched.js";
import { dmlTarget, findNodes, type Node, nodeOf, rangeVarName, dottedName } from "./statements.js";

/** Statements that change no modelled object (views, comments and grants are not in the schema model). */
const INERT = new Set([
  "TransactionStmt",
  "VariableShowStmt",
  "CommentStmt",
  "GrantStmt",
  "ViewStmt",
  "VacuumStmt",
  "ClusterStmt",
  "ReindexStmt",
  "CheckPointStmt",
  "LockStmt",
]);

/** Statements that change globals only. */
const GLOBAL = new Set(["CreateEnumStmt", "AlterEnumStmt", "CreateSeqStmt", "AlterSeqStmt", "CreateSchemaStmt"]);

const key = (name: string) => (name.includes(".") ? name : `public.${name}`);

/**
 * What a migration (its up and its down) can change, read from the parse trees: the tables it
 * names, and whether it touches enums, sequences, schemas or extensions ("globals"). `undefined`
 * when a statement could change anything (DO blocks, functions, CASCADE, search_path).
 */
export function touchedBy(statements: readonly SqlStatement[], before: Schema): Touched | undefined {
  const tables = new Set<string>();
  let globals = false;
  // Index name → its table, so ALTER/DROP INDEX find the table whose model holds the index.
  const indexTable = new Map<string, string>();
  for (const t of before.tables)
    for (const i of t.indexes) indexTable.set(`${t.schema}.${i.name}`, `${t.schema}.${t.name}`);
  /** Adds the table of an index; false when the index is unknown (then the scope is unknown too). */
  const addIndexOwner = (name: string) => {
    const table = indexTable.get(key(name));
    if (table) tables.add(table);
    return table !== undefined;
  };

  for (const stmt of statements) {
    const node = nodeOf(stmt);
    if (INERT.has(stmt.kind)) continue;
    // ALTER INDEX … (RENAME, SET): the table that holds the index.
    const onIndex =
      (stmt.kind === "AlterTableStmt" && node.objtype === "OBJECT_INDEX") ||
      (stmt.kind === "RenameStmt" && node.renameType === "OBJECT_INDEX");
    if (onIndex) {
      const name = rangeVarName(node.relation);
      if (!name || !addIndexOwner(name)) return undefined;
      continue;
    }
    if (GLOBAL.has(stmt.kind)) {
      globals = true;
      continue;
    }
    switch (stmt.kind) {
      case "CreateStmt": {
        if ((node.inhRelations as unknown[] | undefined)?.length || node.partbound || node.ofTypename) return undefined;
        const name = rangeVarName(node.relation);
        if (!name) return undefined;
        tables.add(key(name));
        break;
      }
      case "IndexStmt": {
        const table = rangeVarName(node.relation);
        if (!table) return undefined;
        tables.add(key(table));
        if (typeof node.idxname === "string") {
          const schema = key(table).split(".")[0]!;
          indexTable.set(`${schema}.${node.idxname}`, key(table));
        }
        break;
      }
      case "AlterTableStmt": {
        const name = rangeVarName(node.relation);
        if (!name) return undefined;
        if (node.objtype !== undefined && node.objtype !== "OBJECT_TABLE") return undefined;
        const cmds = ((node.cmds ?? []) as Node[]).map((c) => (c.AlterTableCmd ?? {}) as Node);
        if (cmds.some((c) => c.behavior === "DROP_CASCADE" || /Partition|Inherit/.test(String(c.subtype))))
          return undefined;
        tables.add(key(name));
        break;
      }
      case "RenameStmt": {
        const name = rangeVarName(node.relation);
        if (!name) return undefined;
        if (!["OBJECT_TABLE", "OBJECT_COLUMN", "OBJECT_TABCONSTRAINT"].includes(String(node.renameType)))
          return undefined;
        if (node.renameType === "OBJECT_COLUMN" && node.relationType !== "OBJECT_TABLE") return undefined;
        tables.add(key(name));
        if (node.renameType === "OBJECT_TABLE") tables.add(`${key(name).split(".")[0]}.${String(node.newname)}`);
        break;
      }
      case "DropStmt": {
        if (node.behavior === "DROP_CASCADE") return undefined;
        const names = ((node.objects ?? []) as unknown[]).map(dottedName);
        if (node.removeType === "OBJECT_TABLE") for (const n of names) tables.add(key(n));
        else if (node.removeType === "OBJECT_INDEX") {
          for (const n of names) if (!addIndexOwner(n)) return undefined;
        } else if (["OBJECT_TYPE", "OBJECT_SEQUENCE", "OBJECT_SCHEMA"].includes(String(node.removeType)))
          globals = true;
        else if (node.removeType !== "OBJECT_VIEW") return undefined;
        break;
      }
      case "TruncateStmt":
        for (const r of (node.relations ?? []) as Node[]) {
          const name = rangeVarName(r.RangeVar);
          if (name) tables.add(key(name));
        }
        break;
      case "InsertStmt":
      case "UpdateStmt":
      case "DeleteStmt":
      case "MergeStmt": {
        const target = dmlTarget(stmt);
        if (!target) return undefined;
        tables.add(key(target));
        break;
      }
      case "SelectStmt":
        // SELECT 1 changes nothing; a function call (setval, a helper) might change anything.
        if (findNodes(stmt.ast, "FuncCall").length) return undefined;
        break;
      case "VariableSetStmt":
        if (node.name === "search_path") return undefined;
        break;
      default:
        return undefined;
    }
  }
  // Tables whose foreign keys point at a named table: a rename or a cascade changes them too (one
  // level: their own children are not changed by it).
  const named = new Set(tables);
  for (const t of before.tables)
    if (t.foreignKeys.some((fk) => named.has(`${fk.references.schema}.${fk.references.name}`)))
      tables.add(`${t.schema}.${t.name}`);
  // A serial column's sequence comes and goes with its table or column.
  if (before.tables.some((t) => tables.has(`${t.schema}.${t.name}`) && t.columns.some((c) => c.ownedSequence)))
    globals = true;
  return { tables, globals };
}
