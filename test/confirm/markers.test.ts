/**
 * Confirmations live in the files (DESIGN.md §4b): a breaking change confirmed at plan time is
 * written as `-- lockstep-confirm <rule> <object>: <reason>` above its statement, in every
 * format, and `lint` and `check` on the same files accept it (shown as confirmed, not BLOCK).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { Finding } from "../../src/schema/finding.js";
import { runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const SHOP = resolve(import.meta.dirname, "../../examples/shop");
const cli = (cwd: string, ...args: string[]) => runCli([...args, "--cache-dir", TEST_CACHE], cwd);
const json = (out: string) => JSON.parse(out) as { verdict: string; findings: Finding[] };

/** Every file under `dir`, with its text. */
function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const [p, t] of filesUnder(path)) out.set(p, t);
    else out.set(path, readFileSync(path, "utf8"));
  }
  return out;
}

/** One deploy at a time: a plan that spans deploys writes its first; `plan --next` writes each one after. */
async function writeEveryDeploy(dir: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const next = await cli(dir, "plan", "--next");
    if (next.code === 2) return;
    expect(next.code).toBe(0);
  }
}

/** examples/shop with a desired schema that drops orders.note. */
function shopDroppingNote(): string {
  const dir = tempDir("lockstep-confirm-shop-");
  cpSync(join(SHOP, "migrations"), join(dir, "migrations"), { recursive: true });
  const schema = readFileSync(join(SHOP, "schema.sql"), "utf8").replace("  note varchar(500),\n", "");
  expect(schema).not.toContain("note");
  writeFileSync(join(dir, "schema.sql"), schema);
  return dir;
}

describe("plan --allow-breaking, then lint and check on the same files (examples/shop)", () => {
  it("accepts the confirmed drop: lint PASS with the finding shown as confirmed; check does not BLOCK", async () => {
    const dir = shopDroppingNote();
    const planned = await cli(
      dir,
      "plan",
      "--from",
      "migrations",
      "--to",
      "schema.sql",
      "--out",
      "migrations",
      "--name",
      "x",
      "--allow-breaking",
    );
    expect(planned.stderr + planned.stdout).toContain("Verdict: WARN");
    expect(planned.code).toBe(0);
    await writeEveryDeploy(dir);
    const written = [...filesUnder(join(dir, "migrations"))].find(([, t]) => t.includes("DROP COLUMN note"));
    expect(written?.[1]).toMatch(
      /\n-- lockstep-confirm drop-column orders\.note: confirmed at plan time \(--allow-breaking\)\nALTER TABLE orders DROP COLUMN note;\n/,
    );

    const lint = await cli(dir, "lint", "migrations", "--format", "json");
    expect(lint.code).toBe(0);
    const findings = json(lint.stdout).findings.filter((f) => f.rule === "drop-column");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "info",
      object: "orders.note",
      confirmed: "confirmed at plan time (--allow-breaking)",
    });
    const pretty = await cli(dir, "lint", "migrations");
    expect(pretty.stdout).toContain("info (confirmed) drop-column");
    expect(pretty.stdout).toMatch(/\(1 confirmed\)\nVerdict: PASS\n$/);

    const check = await cli(dir, "check", "--migrations", "migrations", "--schema", "schema.sql", "--format", "json");
    expect(check.code).toBe(0);
    const result = json(check.stdout);
    expect(result.verdict).not.toBe("BLOCK");
    expect(result.findings.find((f) => f.rule === "drop-column")).toMatchObject({
      severity: "info",
      confirmed: expect.any(String),
    });
  }, 180_000);

  it("without the marker the same file blocks in lint and check", async () => {
    const dir = shopDroppingNote();
    await cli(
      dir,
      "plan",
      "--from",
      "migrations",
      "--to",
      "schema.sql",
      "--out",
      "migrations",
      "--name",
      "x",
      "--allow-breaking",
    );
    await writeEveryDeploy(dir);
    for (const [path, text] of filesUnder(join(dir, "migrations")))
      writeFileSync(path, text.replace(/^-- lockstep-confirm .*\n/gm, ""));
    const lint = await cli(dir, "lint", "migrations", "--format", "json");
    expect(lint.code).toBe(1);
    expect(json(lint.stdout).findings.find((f) => f.rule === "drop-column")?.severity).toBe("error");
    const check = await cli(dir, "check", "--migrations", "migrations", "--schema", "schema.sql", "--format", "json");
    expect(check.code).toBe(1);
    expect(json(check.stdout).verdict).toBe("BLOCK");
  }, 180_000);
});

describe("check's drift section: a breaking change no migration makes yet", () => {
  it("still needs --allow-breaking, and schema-drift's command carries the flags the plan needs", async () => {
    const dir = shopDroppingNote();
    const blocked = await cli(dir, "check", "--migrations", "migrations", "--schema", "schema.sql", "--format", "json");
    expect(blocked.code).toBe(1);
    const findings = json(blocked.stdout).findings;
    expect(findings.map((f) => f.rule)).not.toContain("missing-input");
    expect(findings.find((f) => f.rule === "schema-drift")?.fix).toMatch(/ --name <name> --allow-breaking$/);
    const allowed = await cli(dir, "check", "--migrations", "migrations", "--schema", "schema.sql", "--allow-breaking");
    expect(allowed.code).toBe(0);
  }, 180_000);
});

const WRITERS = ["sql", "dbmate", "golang-migrate", "flyway", "diesel", "prisma"] as const;
const BEFORE =
  "CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy text);\nCREATE TABLE audit (id bigint PRIMARY KEY);\n";
const AFTER = "CREATE TABLE users (id bigint PRIMARY KEY, full_name text);\n";

describe.each(WRITERS)(
  "writer %s: confirmed drops and a confirmed rename carry markers that lint accepts",
  (writer) => {
    it("writes a marker above each breaking statement; lint PASS (confirmed); verify runs up and down", async () => {
      const dir = tempDir(`lockstep-confirm-${writer}-`);
      writeFileSync(join(dir, "before.sql"), BEFORE);
      writeFileSync(join(dir, "after.sql"), AFTER);
      const out = "m";
      const init = await cli(dir, "plan", "--to", "before.sql", "--out", out, "--writer", writer, "--name", "init");
      expect(init.code).toBe(0);
      const change = await cli(
        dir,
        "plan",
        "--from",
        out,
        "--to",
        "after.sql",
        "--out",
        out,
        "--writer",
        writer,
        "--name",
        "change",
        "--rename",
        "users.name=full_name",
        "--allow-breaking",
      );
      expect(change.code).toBe(0);
      await writeEveryDeploy(dir);

      const texts = [...filesUnder(join(dir, out)).values()].join("\n");
      expect(texts).toMatch(
        /^-- lockstep-confirm drop-table audit: confirmed at plan time \(--allow-breaking\)\nDROP TABLE audit;$/m,
      );
      expect(texts).toMatch(
        /^-- lockstep-confirm drop-column users\.legacy: confirmed at plan time \(--allow-breaking\)\nALTER TABLE users DROP COLUMN legacy;$/m,
      );
      expect(texts).toMatch(
        /^-- lockstep-confirm drop-column users\.name: confirmed at plan time \(--rename users\.name=full_name --allow-breaking\)\n(-- \w+\n)?ALTER TABLE users DROP COLUMN name;$/m,
      );

      const lint = await cli(dir, "lint", out, "--format", "json");
      expect(lint.code).toBe(0);
      const result = json(lint.stdout);
      expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(result.findings.filter((f) => f.rule.endsWith("confirmation"))).toEqual([]);
      expect(
        result.findings
          .filter((f) => f.confirmed)
          .map((f) => `${f.rule} ${f.object}`)
          .sort(),
      ).toEqual(["drop-column users.legacy", "drop-column users.name", "drop-table audit"]);

      const verify = await cli(dir, "verify", out, "--format", "json");
      expect(
        JSON.parse(verify.stdout).migrations.every(
          (m: { up: string; down: string }) => m.up === "ok" && m.down === "ok",
        ),
      ).toBe(true);
      expect(verify.code).toBe(0);
      if (SERVER_URL) {
        const server = await cli(dir, "verify", out, "--format", "json", "--dev-url", SERVER_URL);
        expect(server.code).toBe(0);
      }
    }, 240_000);
  },
);

describe("a hand-written migration uses the same marker", () => {
  const cases: [string, string, number, string[]][] = [
    ["with the marker", "-- lockstep-confirm drop-column users.legacy: unused since v3\n", 0, ["info drop-column"]],
    ["without it", "", 1, ["error drop-column"]],
    [
      "with a wrong object",
      "-- lockstep-confirm drop-column users.other: unused\n",
      1,
      ["warning unmatched-confirmation", "error drop-column"],
    ],
    [
      "with a wrong rule",
      "-- lockstep-confirm drop-table users.legacy: unused\n",
      1,
      ["warning unmatched-confirmation", "error drop-column"],
    ],
    [
      "without a reason",
      "-- lockstep-confirm drop-column users.legacy\n",
      1,
      ["warning confirmation-without-reason", "error drop-column"],
    ],
  ];
  it.each(cases)("%s", async (_name, marker, code, expected) => {
    const dir = tempDir("lockstep-confirm-hand-");
    writeFileSync(
      join(dir, "0002_drop.sql"),
      `SET lock_timeout = '2s';\n${marker}ALTER TABLE users DROP COLUMN legacy;\n`,
    );
    const lint = await cli(dir, "lint", "0002_drop.sql", "--format", "json");
    expect(lint.code).toBe(code);
    expect(json(lint.stdout).findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(expected);
  });
});

describe("a confirmed table rename and narrowing type changes (swap), plain SQL", () => {
  it("marks the RENAME TO (the swaps are no hazard to lint); lint PASS; verify runs up and down", async () => {
    const dir = tempDir("lockstep-confirm-swap-");
    writeFileSync(join(dir, "b.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(200), qty bigint);\n");
    writeFileSync(
      join(dir, "a.sql"),
      "CREATE TABLE purchases (id bigint PRIMARY KEY, note varchar(50), qty integer);\n",
    );
    expect((await cli(dir, "plan", "--to", "b.sql", "--out", "m", "--name", "init")).code).toBe(0);
    const change = await cli(
      dir,
      "plan",
      "--from",
      "m",
      "--to",
      "a.sql",
      "--out",
      "m",
      "--name",
      "change",
      "--rename",
      "orders=purchases",
      "--allow-breaking",
    );
    expect(change.code).toBe(0);
    await writeEveryDeploy(dir);
    const texts = [...filesUnder(join(dir, "m")).values()].join("\n");
    expect(texts).toMatch(
      /^-- lockstep-confirm rename-table orders: confirmed at plan time \(--rename orders=purchases --allow-breaking\)\nALTER TABLE orders RENAME TO purchases;$/m,
    );
    const lint = await cli(dir, "lint", "m", "--format", "json");
    expect(lint.code).toBe(0);
    const findings = json(lint.stdout).findings;
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    // The narrowing swaps (rename away, rename in, drop the old) are a column swap lint accepts as
    // such; only the table rename is a breaking statement, and it carries its marker.
    expect(findings.filter((f) => f.confirmed).map((f) => `${f.rule} ${f.object}`)).toEqual(["rename-table orders"]);
    expect(texts.match(/^-- lockstep-confirm /gm)).toHaveLength(1);
    expect((await cli(dir, "verify", "m")).code).toBe(0);
  }, 240_000);
});
