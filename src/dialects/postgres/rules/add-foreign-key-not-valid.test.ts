import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { addForeignKeyNotValid } from "./add-foreign-key-not-valid.js";

const rules = [addForeignKeyNotValid];

describe("add-foreign-key-not-valid", () => {
  it.each([
    ["ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"],
    ["ALTER TABLE orders VALIDATE CONSTRAINT fk;"],
    [
      "CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (n) REFERENCES users (id);",
    ],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    [
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);",
      ["add-foreign-key-not-valid@1"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("fixes with NOT VALID then VALIDATE", async () => {
    const [f] = await lintSql(
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);",
      rules,
    );
    expect(f!.fix).toContain("NOT VALID");
    expect(f!.fix).toContain("VALIDATE CONSTRAINT fk");
  });
});
