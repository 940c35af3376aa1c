import { describe, expect, it } from "vitest";
import { initParser } from "../parse.js";
import { postgres } from "../index.js";
import { lintSections } from "../../../lint/run.js";
import { at, lintSql, testSchema, testTable } from "../../../lint/testing.js";
import { missingForeignKeyIndex } from "./missing-foreign-key-index.js";

const rules = [missingForeignKeyIndex];

describe("missing-foreign-key-index", () => {
  it.each([
    [
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);\nCREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id, id);",
    ],
    [
      "CREATE INDEX orders_user_id_idx ON orders (user_id);\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);",
    ],
    [
      "CREATE TABLE memberships (user_id bigint REFERENCES users (id), team_id bigint, PRIMARY KEY (user_id, team_id));",
    ],
    ["ALTER TABLE orders ADD CHECK (total > 0);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    [
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);",
      ["missing-foreign-key-index@1"],
    ],
    [
      "CREATE TABLE memberships (user_id bigint, team_id bigint REFERENCES teams (id), PRIMARY KEY (user_id, team_id));",
      ["missing-foreign-key-index@1"],
    ],
    [
      "CREATE INDEX orders_partial ON orders (user_id) WHERE user_id > 0;\nALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);",
      ["missing-foreign-key-index@2"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("counts indexes created in earlier sections of the migration", async () => {
    await initParser();
    const findings = lintSections(
      [
        {
          text: "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);",
          file: "1.sql",
          startLine: 1,
          transactional: false,
        },
        {
          text: "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);",
          file: "2.sql",
          startLine: 1,
          transactional: true,
        },
      ],
      { dialect: postgres, rules },
    );
    expect(at(findings)).toEqual([]);
  });

  it("counts indexes and keys --schema knows", async () => {
    const schema = testSchema([
      testTable(
        "orders",
        { id: "bigint", user_id: "bigint" },
        {
          indexes: [{ name: "orders_user_id_idx", unique: false, method: "btree", keys: ["user_id"], definition: "" }],
        },
      ),
    ]);
    const sql = "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);";
    expect(at(await lintSql(sql, rules, { schema }))).toEqual([]);
    const [f] = await lintSql(sql, rules);
    expect(f!.severity).toBe("info");
    expect(f!.fix).toContain("CREATE INDEX CONCURRENTLY");
  });
});
