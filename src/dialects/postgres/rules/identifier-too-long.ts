import { addedColumn, addedConstraint, alterTable, columnConstraints, nodeOf, type Node } from "../statements.js";
import type { LintStatement, Rule } from "../../../lint/rule.js";

const MAX_BYTES = 63;

/** Names a statement creates: table, columns, index, constraints, renames, sequences, views, types. */
function createdNames(stmt: LintStatement): string[] {
  const node = nodeOf(stmt);
  const names: unknown[] = [];
  const column = (col: Node) => {
    names.push(col.colname);
    for (const c of columnConstraints(col)) names.push(c.conname);
  };
  switch (stmt.kind) {
    case "CreateStmt":
      names.push((node.relation as Node | undefined)?.relname);
      for (const el of (node.tableElts ?? []) as Node[]) {
        if (el.ColumnDef) column(el.ColumnDef as Node);
        if (el.Constraint) names.push((el.Constraint as Node).conname);
      }
      break;
    case "IndexStmt":
      names.push(node.idxname);
      break;
    case "RenameStmt":
      names.push(node.newname);
      break;
    case "CreateSeqStmt":
    case "ViewStmt":
      names.push(((node.sequence ?? node.view) as Node | undefined)?.relname);
      break;
    case "CreateTableAsStmt":
      names.push(((node.into as Node | undefined)?.rel as Node | undefined)?.relname);
      break;
    case "CreateEnumStmt":
    case "CompositeTypeStmt": {
      const parts = (node.typeName ?? (node.typevar as Node | undefined)?.relname) as unknown;
      if (Array.isArray(parts)) names.push((parts[parts.length - 1] as { String?: { sval?: string } }).String?.sval);
      else names.push(parts);
      break;
    }
    default: {
      const alter = alterTable(stmt);
      for (const cmd of alter?.cmds ?? []) {
        const col = addedColumn(cmd);
        if (col) column(col);
        names.push(addedConstraint(cmd)?.conname);
      }
    }
  }
  return names.filter((n): n is string => typeof n === "string");
}

export const identifierTooLong: Rule = {
  meta: {
    name: "identifier-too-long",
    severity: "error",
    description: "an identifier over 63 bytes",
    docs: "PostgreSQL truncates identifiers longer than 63 bytes without an error: the object gets a different name than the one written, and later migrations or code that use the full name fail (or two names collide once truncated). Choose a shorter name.",
  },
  kinds: [
    "CreateStmt",
    "IndexStmt",
    "RenameStmt",
    "CreateSeqStmt",
    "ViewStmt",
    "CreateTableAsStmt",
    "CreateEnumStmt",
    "CompositeTypeStmt",
    "AlterTableStmt",
  ],
  check(stmt, ctx) {
    const long = createdNames(stmt).filter((n) => Buffer.byteLength(n, "utf8") >= MAX_BYTES - 3);
    if (long.length === 0) return;
    // The parser itself truncates long identifiers to 63 bytes: a created name of exactly 63 bytes
    // is looked up in the statement's text for the name as written.
    const written = [...stmt.sql.matchAll(/"((?:[^"]|"")+)"|([\p{L}_][\p{L}\p{N}_$]*)/gu)].map((m) =>
      m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!,
    );
    const seen = new Set<string>();
    // Multibyte names are cut at a character boundary: up to 3 bytes short of the limit.
    for (const short of long) {
      const bytes = Buffer.byteLength(short, "utf8");
      const name =
        written.find(
          (w) => Buffer.byteLength(w, "utf8") > MAX_BYTES && (w.startsWith(short) || w.toLowerCase().startsWith(short)),
        ) ?? (bytes > MAX_BYTES ? short : undefined);
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const cut = Buffer.from(name, "utf8")
        .subarray(0, MAX_BYTES)
        .toString("utf8")
        .replace(/\uFFFD$/, "");
      ctx.report({
        message: `"${name}" is ${Buffer.byteLength(name, "utf8")} bytes: PostgreSQL silently truncates it to "${cut}"`,
        fix: `-- use a name of at most ${MAX_BYTES} bytes instead of ${name}`,
      });
    }
  },
};
