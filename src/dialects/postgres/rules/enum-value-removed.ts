import { dottedName, nodeOf, stringList } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";
import { columnsGone, isGone } from "./columns-gone.js";

export const enumValueRemoved: Rule = {
  meta: {
    name: "enum-value-removed",
    severity: "error",
    description: "removing or renaming an enum value",
    docs: "PostgreSQL cannot drop an enum value: removing one means rebuilding the type, and rows may still hold it; renaming one breaks code that writes the old label. Add the new value, backfill, stop writing the old one (and leave it in the type).",
  },
  kinds: ["AlterEnumStmt", "DropStmt"],
  check(stmt, ctx) {
    if (stmt.kind === "AlterEnumStmt") {
      const node = nodeOf(stmt);
      if (node.oldVal === undefined) return;
      const type = stringList(node.typeName).join(".");
      ctx.report({
        object: type,
        message: `renaming ${type} value '${String(node.oldVal)}' breaks code and data that still use it`,
        fix: `ALTER TYPE ${type} ADD VALUE '${String(node.newVal)}'; -- own step\n-- backfill rows to '${String(node.newVal)}' in batches, stop writing '${String(node.oldVal)}'`,
      });
      return;
    }
    if (stmt.kind !== "DropStmt" || nodeOf(stmt).removeType !== "OBJECT_TYPE" || !ctx.schema) return;
    // Columns the migration dropped or moved to another type before the DROP TYPE hold none of its values.
    const gone = columnsGone(ctx.earlier);
    for (const obj of (nodeOf(stmt).objects ?? []) as { TypeName?: { names?: unknown } }[]) {
      const name = dottedName(obj.TypeName?.names ?? []).replace(/^public\./, "");
      const isEnum = ctx.schema.enums.some((e) => (e.schema === "public" ? e.name : `${e.schema}.${e.name}`) === name);
      const users = ctx.schema.tables.flatMap((t) =>
        t.columns
          .filter((c) => c.type.replace(/\[\]$/, "").replace(/^public\./, "") === name)
          .filter((c) => !isGone(gone, t.schema === "public" ? t.name : `${t.schema}.${t.name}`, c.name))
          .map((c) => `${t.name}.${c.name}`),
      );
      if (!isEnum || users.length === 0) continue;
      ctx.report({
        object: name,
        message: `dropping enum ${name} removes every value that ${users.join(", ")} still hold`,
        fix: `-- move ${users.join(", ")} to another type first (new column, backfill, switch), then drop ${name}`,
      });
    }
  },
};
