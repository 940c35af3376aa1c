import { describe, expect, it } from "vitest";
import type { Step } from "../../plan/model.js";
import { header, parseTimestamp, slug, sqlBody, stepFileName, timestamp } from "./render.js";

const step: Step = {
  name: "s_1",
  phase: "single",
  transactional: true,
  up: ["SELECT 1;", "  SELECT 2  ", "SELECT 3 -- trailing note"],
  down: ["SELECT 0"],
  deploy: "first line\nmigrate:down would split a dbmate file\n\nlast",
};

describe("render", () => {
  it("joins statements with `;` and a blank line, never letting a trailing comment swallow the `;`", () => {
    expect(sqlBody(step.up, step, "up")).toBe("SELECT 1;\n\nSELECT 2;\n\nSELECT 3 -- trailing note\n;");
  });

  it("refuses an empty direction", () => {
    expect(() => sqlBody([" ", ";"], step, "down")).toThrow("step s_1 has no down statement");
  });

  it("comments every line of a note and quotes a line that looks like a dbmate marker", () => {
    expect(header(step, "up")).toBe(
      [
        "-- Lockstep step s_1 (up)",
        "-- Phase: single",
        "-- Deploy: first line",
        "-- > migrate:down would split a dbmate file",
        "--",
        "-- last",
      ].join("\n"),
    );
  });

  it("makes file names from the request name and step number", () => {
    expect(slug(" Add avatar/URL! ")).toBe("Add_avatar_URL");
    expect(slug("!!")).toBe("migration");
    const steps = [step, { ...step, phase: "contract" as const }];
    const request = { steps, name: "add_avatar", dir: ".", now: new Date(0) };
    expect([stepFileName(request, 0), stepFileName(request, 1)]).toEqual(["add_avatar_1", "add_avatar_2_contract"]);
    expect(stepFileName({ ...request, steps: [step] }, 0)).toBe("add_avatar");
  });

  it("formats and parses UTC timestamps", () => {
    const date = new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 999));
    expect(timestamp(date)).toBe("20240229235958");
    expect(parseTimestamp("20240229235958")?.getTime()).toBe(Date.UTC(2024, 1, 29, 23, 59, 58));
    expect(parseTimestamp("20230229000000")).toBeUndefined();
    expect(parseTimestamp("000012")).toBeUndefined();
  });
});
