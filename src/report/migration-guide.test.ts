import { describe, expect, it } from "vitest";
import { type GuideInput, renderMigrationGuide } from "./migration-guide.js";
import { postgres } from "../dialects/postgres/index.js";

const INPUT: GuideInput = {
  name: "add_index_orders",
  verdict: "PASS",
  changes: [
    { kind: "add_index", table: "orders", object: "orders_placed_idx", risk: "risky", reasons: ["built CONCURRENTLY"] },
  ],
  steps: [
    {
      name: "add_index_orders_1_create_index",
      phase: "single",
      transactional: false,
      up: ["CREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at)"],
      down: ["DROP INDEX CONCURRENTLY IF EXISTS orders_placed_idx"],
      deploy: "Runs outside a transaction.",
    },
  ],
  files: ["db/migrations/20261123000000_add_index_orders.sql"],
};

describe("migration guide", () => {
  it("has the summary, changes, steps, lock impact, rollback and monitoring sections", () => {
    const md = renderMigrationGuide(
      {
        ...INPUT,
        impact: [
          [
            {
              sql: INPUT.steps[0]!.up[0]!,
              locks: [{ relation: "orders", mode: "ShareUpdateExclusiveLock" }],
              rewrites: [],
              ms: 3.21,
            },
          ],
        ],
      },
      postgres,
    );
    expect(md).toMatch(/^## Migration guide: add\\_index\\_orders\n/);
    for (const title of [
      "Summary",
      "Changes",
      "Deployment steps",
      "Expected lock impact",
      "Rollback plan",
      "Monitoring",
    ])
      expect(md).toContain(`\n### ${title}\n`);
    expect(md).toContain("1 change (0 safe, 1 risky, 0 breaking), 1 step.");
    expect(md).toContain(
      "| 1 | CREATE INDEX CONCURRENTLY orders\\_placed\\_idx ON orders (placed\\_at) | orders: ShareUpdateExclusiveLock | none | 3\\.2 |",
    );
    expect(md).toContain("```sql\nDROP INDEX CONCURRENTLY IF EXISTS orders_placed_idx;\n```");
    expect(md).toContain("pg\\_stat\\_progress\\_create\\_index");
  });

  it("says when the plan was not traced, and marks locks that block writes", () => {
    expect(renderMigrationGuide(INPUT, postgres)).toContain("### Expected lock impact\n\nNot traced.\n");
    const md = renderMigrationGuide(
      {
        ...INPUT,
        impact: [
          [
            {
              sql: "ALTER TABLE orders ADD COLUMN x int",
              locks: [{ relation: "orders", mode: "AccessExclusiveLock" }],
              rewrites: ["orders"],
              ms: 1,
            },
          ],
        ],
      },
      postgres,
    );
    expect(md).toContain("orders: AccessExclusiveLock (blocks writes) | orders |");
  });
});
