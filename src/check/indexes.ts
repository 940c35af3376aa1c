import type { Dialect } from "../dialects/dialect.js";
import type { Schema } from "../schema/model.js";

/** An index the schema should have: the table, its columns, why, and the statement that builds it online. */
export interface IndexRecommendation {
  readonly table: string;
  readonly columns: readonly string[];
  readonly reason: string;
  readonly sql: string;
}

/**
 * Foreign keys no index leads with, in the schema as it will be after the deploy: PostgreSQL
 * indexes the referenced side only, so joins and every DELETE on the parent scan the child.
 * (Query-driven recommendations come from the application-code scanner, when it lands.)
 */
export function indexRecommendations(schema: Schema, dialect: Dialect): IndexRecommendation[] {
  const out: IndexRecommendation[] = [];
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) {
      const missing = dialect.missingForeignKeyIndex(table, fk);
      if (missing)
        out.push({
          table: missing.table ?? table.name,
          columns: fk.columns,
          reason: missing.message,
          sql: missing.fix ?? "",
        });
    }
  }
  return out;
}
