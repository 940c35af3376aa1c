import type { Column, ForeignKey, Schema, Table } from "../../schema/model.js";
import { parentKeyColumns } from "../../verify/seed-parents.js";
import { ident, literal, qualified } from "./render.js";

/**
 * PostgreSQL's seeding SQL for the data-preservation check: one set-based `INSERT … SELECT … FROM
 * generate_series` per table. Values come from the column's type (row number `g` made into a
 * number, text cut to its length, a date, a uuid…), foreign keys take their parent's existing
 * rows, identity, serial and defaulted columns take their defaults:
 * `INSERT INTO t (cols) SELECT … FROM generate_series(1, n) g [LEFT JOIN parent rows …]`.
 */
export function insertSql(t: Table, schema: Schema, n: number): string {
  const { names, values, joins, taken } = parentKeyColumns(t, ident, parentRows);
  for (const c of t.columns) {
    if (taken.has(c.name) || c.identity || c.generated || c.default !== undefined) continue;
    const value = valueOf(c, t, schema);
    if (value === undefined && !c.notNull) continue;
    names.push(ident(c.name));
    values.push(value ?? "NULL");
  }
  if (names.length === 0) return `INSERT INTO ${qualified(t)} SELECT FROM generate_series(1, ${n}) g`;
  return `INSERT INTO ${qualified(t)} (${names.join(", ")}) SELECT ${values.join(", ")} FROM generate_series(1, ${n}) g${joins.join("")}`;
}

/**
 * The parent's rows numbered, each child row taking row ((g - 1) mod count) + 1: the count comes
 * from its own join, so the row match is an equality the engine can hash.
 */
function parentRows(fk: ForeignKey, alias: string): string {
  const cols = fk.referencedColumns.map(ident);
  const from = `FROM ${qualified(fk.references)} WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(" AND ")}`;
  return (
    ` CROSS JOIN (SELECT count(*) AS n ${from}) ${alias}n` +
    ` LEFT JOIN (SELECT ${cols.join(", ")}, row_number() OVER () AS rn ${from}) ${alias}` +
    ` ON ${alias}.rn = ((g - 1) % greatest(${alias}n.n, 1)) + 1`
  );
}

/** An expression of the column's type for row `g`, or undefined where no value is known. */
function valueOf(c: Column, t: Table, schema: Schema): string | undefined {
  const cast = (expr: string) => `(${expr})::${c.type}`;
  const allowed = checkLiteral(c, t);
  if (allowed !== undefined) return cast(literal(allowed));
  const type = c.type;
  // One element of the element type, so a conversion of the array meets a value.
  if (type.endsWith("[]")) {
    const element = valueOf({ ...c, type: type.slice(0, -2) }, { ...t, checks: [] }, schema);
    return cast(element === undefined ? "'{}'" : `ARRAY[${element}]`);
  }
  const e = schema.enums.find((x) => [x.name, `${x.schema}.${x.name}`, ident(x.name)].includes(type));
  if (e) return e.values.length ? cast(literal(e.values[0]!)) : undefined;
  const size = /\((\d+)(?:,(\d+))?\)/.exec(type);
  if (/^(smallint|integer|bigint|real|double precision|money)$/.test(type))
    return cast(type === "smallint" ? "g % 32000" : "g");
  if (/^numeric\b/.test(type)) {
    const whole = size ? Number(size[1]) - Number(size[2] ?? 0) : 9;
    return cast(whole >= 6 ? "g" : whole <= 0 ? "0" : `g % ${10 ** whole}`);
  }
  // An explicit cast to varchar(n) or char(n) cuts the text to its length.
  if (/^(text|character varying|character|citext|name)\b/.test(type)) return cast("'v' || g");
  if (type === "boolean") return cast("g % 2 = 0");
  if (type === "uuid") return cast("md5(g::text)");
  if (type === "date") return cast("date '2024-01-01' + g");
  if (/^timestamp\b/.test(type)) return cast("timestamp '2024-01-01' + g * interval '1 minute'");
  if (/^time\b/.test(type)) return cast("time '00:00' + g * interval '1 second'");
  if (/^interval\b/.test(type)) return cast("g * interval '1 minute'");
  if (type === "json" || type === "jsonb") return cast(`json_build_object('n', g)::text`);
  if (type === "bytea") return cast("decode(md5(g::text), 'hex')");
  if (type === "inet" || type === "cidr")
    return cast("'10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256");
  return undefined;
}

/**
 * The first string literal of a CHECK that names the column (`status IN ('new', 'paid')` is
 * printed `(status)::text = ANY (ARRAY['new'::…])`): a value such a check accepts, best effort.
 */
function checkLiteral(c: Column, t: Table): string | undefined {
  const name = new RegExp(`\\(${c.name.replace(/\W/g, "\\$&")}\\)|\\b${c.name.replace(/\W/g, "\\$&")}\\b`);
  for (const check of t.checks) {
    if (!name.test(check.definition)) continue;
    const lit = /'((?:[^']|'')*)'::/.exec(check.definition);
    if (lit) return lit[1]!.replace(/''/g, "'");
  }
  return undefined;
}
