import { describe, expect, it } from "vitest";
import { dialectNamed } from "../index.js";
import { sqlite } from "./index.js";

describe("the sqlite dialect", () => {
  it("asks for ready() before splitting, then splits", async () => {
    expect(() => sqlite.split("SELECT 1")).toThrow(/await the dialect's ready\(\) first/);
    await sqlite.ready();
    await sqlite.ready(); // idempotent
    expect(sqlite.split("SELECT 1").map((s) => s.kind)).toEqual(["Select"]);
  });

  it("is the registry's sqlite", () => {
    expect(dialectNamed("sqlite")).toBe(sqlite);
    expect(sqlite.name).toBe("sqlite");
  });
});
