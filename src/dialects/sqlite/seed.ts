import type { Column, ForeignKey, Schema, Table } from "../../schema/model.js";
import { parentKeyColumns } from "../../verify/seed-parents.js";
import { affinity } from "./affinity.js";
import { ident } from "./render.js";

/**
 * SQLite's seeding SQL for the data-preservation check: one set-based INSERT per table over a
 * recursive row counter `g` (sql.js has no generate_series). Values follow the column's declared
 * type and its affinity (a number for INTEGER, text for TEXT, a date for DATE…), distinct per row
 * so UNIQUE keys accept them; foreign keys take their parent's existing rows; generated and
 * defaulted columns take their defaults. A CHECK the values fail makes the table refused, which
 * verify's seeding notes (SQLite's introspection does not read CHECKs yet).
 */
export function seedSql(t: Table, _schema: Schema, n: number): string {
  const { names, values, joins, taken } = parentKeyColumns(t, ident, parentRows);
  for (const c of t.columns) {
    if (taken.has(c.name) || c.generated !== undefined || c.default !== undefined) continue;
    names.push(ident(c.name));
    values.push(valueOf(c));
  }
  // Every column defaulted or generated: the first defaulted one gets its default's own expression.
  const defaulted = t.columns.find((c) => c.default !== undefined && c.generated === undefined);
  if (names.length === 0 && defaulted) {
    names.push(ident(defaulted.name));
    values.push(defaulted.default!);
  }
  const rows = `WITH RECURSIVE g(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM g WHERE g < ${n})`;
  return `${rows} INSERT INTO ${ident(t.name)} (${names.join(", ")}) SELECT ${values.join(", ")} FROM g${joins.join("")}`;
}

/** Each child row takes the parent's row ((g - 1) mod count) + 1, numbered by row_number (SQLite 3.25+). */
function parentRows(fk: ForeignKey, alias: string): string {
  const cols = fk.referencedColumns.map(ident);
  const from = `FROM ${ident(fk.references.name)} WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(" AND ")}`;
  return (
    ` CROSS JOIN (SELECT count(*) AS n ${from}) ${alias}n` +
    ` LEFT JOIN (SELECT ${cols.join(", ")}, row_number() OVER () AS rn ${from}) ${alias}` +
    ` ON ${alias}.rn = ((g.g - 1) % max(${alias}n.n, 1)) + 1`
  );
}

/**
 * A value for row `g` of the column's declared type. Names SQLite gives NUMERIC affinity but
 * applications read as dates, booleans or JSON get values of that kind; the rest go by affinity.
 */
function valueOf(c: Column): string {
  const type = c.type.toUpperCase();
  if (/\bBOOL/.test(type)) return "g.g % 2";
  if (/DATETIME|TIMESTAMP/.test(type)) return "datetime('2024-01-01', '+' || g.g || ' minutes')";
  if (/\bDATE\b/.test(type)) return "date('2024-01-01', '+' || g.g || ' days')";
  if (/\bTIME\b/.test(type)) return "time('00:00', '+' || g.g || ' seconds')";
  if (/JSON/.test(type)) return "json_object('n', g.g)";
  if (/UUID/.test(type)) return "printf('00000000-0000-4000-8000-%012d', g.g)";
  switch (affinity(c.type)) {
    case "INTEGER":
      return "g.g";
    case "TEXT":
      return "'v' || g.g";
    case "REAL":
      return "g.g + 0.5";
    case "NUMERIC":
      return "g.g";
    case "BLOB":
      // A declared BLOB gets bytes; a column with no type (BLOB affinity) a number.
      return c.type.trim() === "" ? "g.g" : "CAST('v' || g.g AS BLOB)";
  }
}
