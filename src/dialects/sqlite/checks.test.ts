import { afterAll, describe, expect, it } from "vitest";
import { sqlite } from "./index.js";

const engine = sqlite.openEngine({});
afterAll(() => engine.close());

describe("CHECK constraints read back", () => {
  it("reads a named CHECK as written; an unnamed one is not read yet", async () => {
    await sqlite.ready();
    const db = await engine.fresh();
    await db.exec(
      `CREATE TABLE loans (id INTEGER PRIMARY KEY, borrower TEXT NOT NULL CHECK (borrower <> 'x'),
         CONSTRAINT loans_borrower_nonempty CHECK (length(borrower) > 0), CHECK (id > 0))`,
    );
    const [loans] = (await sqlite.introspect(db)).tables;
    expect(loans?.checks).toEqual([
      {
        name: "loans_borrower_nonempty",
        definition: "CONSTRAINT loans_borrower_nonempty CHECK (length(borrower) > 0)",
        validated: true,
      },
    ]);
  });
});
