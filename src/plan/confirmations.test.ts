import { beforeAll, describe, expect, it } from "vitest";
import { postgres } from "../dialects/postgres/index.js";
import type { Recipe } from "./ops.js";
import { defaultPlanOptions as withoutDialect } from "./ops.js";
import { confirmationReason, confirmationsFor } from "./confirmations.js";

beforeAll(() => postgres.ready());

const context = { postgresVersion: 14, dialect: postgres };
const defaultPlanOptions = { ...withoutDialect, dialect: postgres };

describe("confirmationsFor", () => {
  it("names the rule and object lint reports on each confirmed statement, by its index in up", () => {
    const up = [
      "SET LOCAL lock_timeout = '2s'",
      "ALTER TABLE orders DROP COLUMN note",
      "DROP TABLE audit",
      "ALTER TABLE users DROP COLUMN legacy",
    ];
    const why = "confirmed at plan time (--allow-breaking)";
    expect(confirmationsFor(up, [undefined, why, why, undefined], true, context)).toEqual([
      { statement: 1, rule: "drop-column", object: "orders.note", reason: why },
      { statement: 2, rule: "drop-table", object: "audit", reason: why },
    ]);
  });

  it("gives no marker to a statement lint does not block, nor to one no confirmed change wrote", () => {
    const up = ["ALTER TABLE users ADD COLUMN bio text", "CREATE TABLE t (id int)", "ALTER TABLE t DROP COLUMN id"];
    expect(confirmationsFor(up, ["yes", "yes", "yes"], true, context)).toEqual([]);
    expect(confirmationsFor(["ALTER TABLE users DROP COLUMN a"], [undefined], true, context)).toEqual([]);
  });

  it("finds the statement of a finding after multi-line statements and a trailing comment", () => {
    const up = ["SELECT 1 -- a comment\n, 2", "ALTER TABLE users\n  DROP COLUMN a"];
    expect(confirmationsFor(up, [undefined, "ok"], true, context)).toEqual([
      { statement: 1, rule: "drop-column", object: "users.a", reason: "ok" },
    ]);
  });
});

describe("confirmationReason", () => {
  const recipe = (r: Partial<Recipe>): Recipe => ({
    kind: "drop_column",
    risk: "breaking",
    reasons: [],
    ops: [],
    ...r,
  });
  it("says how the change was confirmed, and names a rename's flag", () => {
    const flags = { ...defaultPlanOptions, allowBreaking: true };
    expect(confirmationReason(recipe({}), flags)).toBe("confirmed at plan time (--allow-breaking)");
    const rename = recipe({ kind: "rename_column", table: "users", column: "name", object: "full_name" });
    expect(confirmationReason(rename, flags)).toBe(
      "confirmed at plan time (--rename users.name=full_name --allow-breaking)",
    );
    const prompt = { ...flags, confirmedBy: "prompt" as const };
    expect(confirmationReason(rename, prompt)).toBe(
      "confirmed at plan time (at the prompt: rename users.name=full_name)",
    );
    expect(confirmationReason(recipe({ kind: "rename_table", table: "orders", object: "purchases" }), flags)).toBe(
      "confirmed at plan time (--rename orders=purchases --allow-breaking)",
    );
    expect(confirmationReason(recipe({}), prompt)).toBe("confirmed at plan time (at the prompt)");
  });
});
