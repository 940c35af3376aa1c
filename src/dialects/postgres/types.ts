/**
 * What an ALTER COLUMN … TYPE does to existing rows, from the two types as the catalog formats them:
 * - `coercible`: binary-coercible, no rewrite, no value can fail (varchar(n) → varchar(m ≥ n), → text, …);
 * - `rewrite`: every value fits, but the table is rewritten under ACCESS EXCLUSIVE (integer → bigint);
 * - `narrowing`: values can be rejected or lose precision (varchar(100) → varchar(50), bigint → integer,
 *   text → integer, timestamptz → date). Unknown pairs are taken as narrowing: better to ask.
 */
export type TypeChange = "coercible" | "rewrite" | "narrowing";

interface ParsedType {
  base: string;
  mods: number[];
  array: boolean;
}

function parseType(t: string): ParsedType {
  const array = t.endsWith("[]");
  const s = array ? t.slice(0, -2) : t;
  const m = /^([^(]+?)(?:\(([\d,\s]+)\))?(\s+with(?:out)? time zone)?$/.exec(s);
  if (!m) return { base: s, mods: [], array };
  return { base: (m[1]! + (m[3] ?? "")).trim(), mods: m[2] ? m[2].split(",").map((x) => Number(x.trim())) : [], array };
}

const INTEGER_WIDTH: Record<string, number> = { smallint: 2, integer: 4, bigint: 8 };
const FLOAT_WIDTH: Record<string, number> = { real: 4, "double precision": 8 };

/** Pairs that only relabel the column (PostgreSQL's binary-coercible casts with no check). */
const COERCIBLE = new Set(["character varying→text", "cidr→inet", "text→character varying", "bit varying→bit varying"]);

export function classifyTypeChange(fromType: string, toType: string): TypeChange {
  const a = parseType(fromType);
  const b = parseType(toType);
  if (a.array !== b.array) return "narrowing";
  if (a.array) return arrayChange(a, b, fromType, toType);
  if (a.base === b.base) return sameBase(a, b);
  // varchar(n) → text, and text/varchar → unbounded varchar.
  if (a.base === "character varying" && b.base === "text") return "coercible";
  if (a.base === "text" && b.base === "character varying") return b.mods.length === 0 ? "coercible" : "narrowing";
  if (COERCIBLE.has(`${a.base}→${b.base}`) && b.mods.length === 0) return "coercible";
  const ai = INTEGER_WIDTH[a.base];
  const bi = INTEGER_WIDTH[b.base];
  if (ai && bi) return bi > ai ? "rewrite" : "narrowing";
  if (ai && b.base === "numeric")
    return b.mods.length === 0 || b.mods[0]! - (b.mods[1] ?? 0) >= 19 ? "rewrite" : "narrowing";
  const af = FLOAT_WIDTH[a.base];
  const bf = FLOAT_WIDTH[b.base];
  if (af && bf) return bf > af ? "rewrite" : "narrowing";
  if (ai && bf) return "rewrite";
  if ((a.base === "character" || a.base === "character varying") && b.base === "text") return "rewrite";
  if (a.base === "timestamp without time zone" && b.base === "timestamp with time zone") return "rewrite";
  if (a.base === "date" && b.base.startsWith("timestamp")) return "rewrite";
  if (a.base === "json" && b.base === "jsonb") return "rewrite";
  if (a.base === "inet" && b.base === "text") return "rewrite";
  if (a.base === "uuid" && b.base === "text") return "rewrite";
  return "narrowing";
}

/**
 * Arrays: dropping the element's type modifier only relabels; any other change converts every
 * element (an array coercion), which rewrites the table even where each element would relabel.
 */
function arrayChange(a: ParsedType, b: ParsedType, fromType: string, toType: string): TypeChange {
  if (fromType === toType || (a.base === b.base && b.mods.length === 0)) return "coercible";
  return classifyTypeChange(fromType.slice(0, -2), toType.slice(0, -2)) === "narrowing" ? "narrowing" : "rewrite";
}

function sameBase(a: ParsedType, b: ParsedType): TypeChange {
  if (a.base === "character varying" || a.base === "bit varying") {
    if (b.mods.length === 0) return "coercible";
    if (a.mods.length === 0) return "narrowing";
    return b.mods[0]! >= a.mods[0]! ? "coercible" : "narrowing";
  }
  if (a.base === "numeric") {
    if (b.mods.length === 0) return "coercible";
    if (a.mods.length === 0) return "narrowing";
    const [ap, as = 0] = a.mods;
    const [bp, bs = 0] = b.mods;
    if (bs === as) return bp! >= ap! ? "coercible" : "narrowing";
    // A larger scale with room for the same integer digits keeps every value, but rewrites.
    return bs > as && bp! - bs >= ap! - as ? "rewrite" : "narrowing";
  }
  if (a.base.startsWith("timestamp") || a.base.startsWith("time") || a.base === "interval") {
    // Fractional-second precision: more keeps values (a rewrite-free relabel), less rounds them.
    const ap = a.mods[0] ?? 6;
    const bp = b.mods[0] ?? 6;
    return bp >= ap ? "coercible" : "narrowing";
  }
  if (a.base === "character") {
    if (a.mods.join() === b.mods.join()) return "coercible";
    return (b.mods[0] ?? 1) > (a.mods[0] ?? 1) ? "rewrite" : "narrowing";
  }
  return a.mods.join() === b.mods.join() ? "coercible" : "narrowing";
}
