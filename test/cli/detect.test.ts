import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support.js";

const EXAMPLES = resolve(import.meta.dirname, "../../examples");

describe("lockstep detect", () => {
  it("names the Prisma example's framework, dialect, migrations and model, and how it found them", async () => {
    const run = await runCli(["detect", "prisma-shop"], EXAMPLES);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  framework   prisma\n  dialect     postgresql\n");
    expect(run.stdout).toContain("  migrations  prisma-shop/prisma/migrations (prisma)\n");
    expect(run.stdout).toContain("  model       prisma-shop/prisma/schema.prisma\n");
    expect(run.stdout).toMatch(/How it was found\n {2}Prisma schema prisma\/schema\.prisma/);
  });

  it("gives JSON for a plain SQL project with a schema.sql", async () => {
    const run = await runCli(["detect", "shop", "--format", "json"], EXAMPLES);
    expect(JSON.parse(run.stdout)).toEqual(
      expect.objectContaining({
        framework: "sql",
        dialect: "postgresql",
        migrations: "shop/migrations",
        format: "dbmate",
        schema: "shop/schema.sql",
      }),
    );
  });

  it("exits 2, saying where it looked, when nothing is there", async () => {
    const run = await runCli(["detect", tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no Prisma schema and no migrations folder found/);
  });
});
