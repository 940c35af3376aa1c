import type { Rule } from "../../../lint/rule.js";
import { type Affinity, affinity } from "../affinity.js";
import type { ColumnFacts } from "../effects.js";
import { alterationOf, infoOf } from "./statement-info.js";

/**
 * Words a type name is read for by people, and the affinity they expect from it. SQLite reads
 * other substrings (affinity.ts): where the two disagree, values are stored as people do not expect.
 */
const EXPECTED: readonly (readonly [string, Affinity])[] = [
  ["STRING", "TEXT"],
  ["UUID", "TEXT"],
  ["JSON", "TEXT"],
  ["FLOAT", "REAL"],
  ["DOUBLE", "REAL"],
  ["POINT", "REAL"],
];

export const sqliteTypeAffinity: Rule = {
  meta: {
    name: "sqlite-type-affinity",
    severity: "warning",
    description:
      "a declared column type whose SQLite affinity is not what its name suggests (STRING is NUMERIC, FLOATING POINT is INTEGER)",
    docs: "SQLite does not check a declared type: it reads it for a few substrings, in order, to pick the column's affinity (INT → INTEGER; CHAR, CLOB, TEXT → TEXT; BLOB → BLOB; REAL, FLOA, DOUB → REAL; else NUMERIC). So STRING, UUID and JSON are NUMERIC (a value such as '00123' or '1e5' is stored as a number and loses its spelling), and FLOATING POINT is INTEGER (\"INT\" comes first: 1.0 is stored as 1). Use TEXT, INTEGER, REAL, BLOB or NUMERIC, or a STRICT table (SQLite 3.37).",
  },
  kinds: ["CreateTable", "AlterTableAddColumn"],
  check(stmt, ctx) {
    const columns: ColumnFacts[] = [
      ...(infoOf(stmt).effect?.createdColumns ?? []).flatMap((t) => t.columns),
      ...(alterationOf(stmt)?.added ?? []),
    ];
    for (const column of columns) {
      const surprise = surprising(column.type);
      if (!surprise) continue;
      ctx.report({
        message: `column ${column.name} is declared ${column.type}: SQLite gives it ${surprise.actual} affinity, not ${surprise.expected}`,
        fix: `-- declare it with the affinity meant:\n${column.name} ${surprise.expected}`,
      });
    }
  },
};

function surprising(type: string): { expected: Affinity; actual: Affinity } | undefined {
  const upper = type.toUpperCase();
  const expected = EXPECTED.find(([word]) => upper.includes(word))?.[1];
  const actual = affinity(type);
  return expected && expected !== actual ? { expected, actual } : undefined;
}
