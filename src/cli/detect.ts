import { relative, resolve } from "node:path";
import { Command, Option } from "commander";
import { type CommandContext, UsageError } from "./common.js";
import { loadConfig } from "./config.js";

export function detectCommand({ stdout }: CommandContext): Command {
  return new Command("detect")
    .description("say which framework, dialect, migrations folder and format, and model a project uses")
    .argument("[dir]", "the project folder", ".")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .option("--config <file>", "configuration file (default: lockstep.config.json, or package.json's lockstep key)")
    .addHelpText(
      "after",
      `
Looks for a Prisma schema (package.json prisma.schema, prisma.config.ts, prisma/schema.prisma,
schema.prisma, prisma/schema/), else the configured migrations folder, else db/migrations,
migrations, supabase/migrations; a schema.sql at the root is the desired schema of a SQL project.

Exit codes: 0 found, 2 nothing found (or bad input).`,
    )
    .action(async (dir: string, opts) => {
      const root = resolve(process.cwd(), dir);
      const config = loadConfig(root, opts.config);
      const { detectProject } = await import("../frameworks/detect.js");
      const project = detectProject(root, { migrations: config.migrations });
      if (!project)
        throw new UsageError(
          `${dir}: no Prisma schema and no migrations folder found; plain SQL projects keep them in db/migrations or migrations (or set "migrations" in lockstep.config.json)`,
        );
      const shown = (p: string) => relative(process.cwd(), p) || ".";
      const view = {
        root: shown(project.root),
        framework: project.framework,
        dialect: project.dialect,
        migrations: shown(project.migrationsDir),
        format: project.format,
        ...(project.schemaFile ? { schema: shown(project.schemaFile) } : {}),
        evidence: project.evidence,
      };
      if (opts.format === "json") return stdout(`${JSON.stringify(view, null, 2)}\n`);
      const lines = [
        `Project ${view.root}`,
        `  framework   ${view.framework}`,
        `  dialect     ${view.dialect}`,
        `  migrations  ${view.migrations} (${view.format})`,
        `  model       ${view.schema ?? "(none: plan needs --to)"}`,
        "",
        "How it was found",
        ...view.evidence.map((e) => `  ${e}`),
      ];
      stdout(`${lines.join("\n")}\n`);
    });
}
