/**
 * `plan` in a project: what `--from`, `--to`, `--out` and `--writer` mean when they are not given.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { DialectName } from "../dialects/index.js";
import type { FormatName } from "../frameworks/framework.js";
import { modelAt } from "../frameworks/index.js";
import { isDir } from "../frameworks/shared/files.js";
import { InputError } from "../util/errors.js";
import { git } from "../util/git.js";
import { detectProject, type Project, PROJECT_FILES } from "../frameworks/detect.js";

/** The parts of a plan request that project detection may fill in. */
export interface PlanInputsRequest {
  readonly from?: string;
  readonly to?: string;
  /** A source, or false for none; absent: in a project, the model at the newest migration's commit. */
  readonly baseline?: string | false;
  readonly out?: string;
  readonly writer?: FormatName;
  readonly name?: string;
  /** Detect the project in this folder (relative to `cwd`); implied, in `cwd`, when `to` is absent. */
  readonly project?: string;
  /** The migrations folder the configuration names, for detection. */
  readonly migrations?: string;
}

export interface PlanInputs {
  readonly from?: string;
  readonly to: string;
  readonly baseline?: string;
  readonly out?: string;
  readonly writer?: FormatName;
  /** The detected project, in project mode. */
  readonly project?: Project;
  /** The dialect the project's datasource, or the model `to` names, is written for. */
  readonly dialect?: DialectName;
}

/** The dialects Lockstep speaks, by the database a project was detected for. */
const DIALECT_OF_PROJECT: Partial<Record<Project["dialect"], DialectName>> = {
  postgresql: "postgres",
  sqlite: "sqlite",
};

const LOOKED_FOR = PROJECT_FILES.join(", ");

/**
 * The request as given when it names `to` and no `project`. Otherwise the project is detected and
 * fills what is missing: `from` = its migrations folder (an empty database before the first
 * migration), `to` = its model (`schema.prisma`), `writer` = its format, and `out` = its
 * migrations folder only when `name` is given: without a name, `plan` previews and writes
 * nothing. Paths are returned relative to `cwd`, as messages show them. The dialect is the one the
 * project's datasource (or the model `to` names) is written for, so that a Prisma schema with
 * `provider = "sqlite"` plans SQLite without `--dialect`. Throws InputError when no project is
 * found, when its database is not one Lockstep speaks, or when it has no model and `to` is absent.
 */
export function planInputs(request: PlanInputsRequest, cwd: string): PlanInputs {
  if (request.to !== undefined && request.project === undefined) {
    const { from, to, out, writer, baseline } = request;
    const spoken = modelAt(path.resolve(cwd, to))?.dialect?.(path.resolve(cwd, to));
    return {
      to,
      ...(spoken ? { dialect: spoken } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(baseline ? { baseline } : {}),
      ...(out !== undefined ? { out } : {}),
      ...(writer ? { writer } : {}),
    };
  }
  const dir = path.resolve(cwd, request.project ?? ".");
  const shown = (p: string) => path.relative(cwd, p) || ".";
  if (!isDir(dir)) throw new InputError("project folder not found", shown(dir));
  const project = detectProject(dir, request.migrations ? { migrations: request.migrations } : {});
  if (!project)
    throw new InputError(
      `no --to <source> given, and no project found in ${shown(dir)} (looked for ${LOOKED_FOR}); pass --to, or --project DIR`,
    );
  const spoken = DIALECT_OF_PROJECT[project.dialect];
  if (!spoken) {
    const provider = project.dialect === "unknown" ? "no PostgreSQL datasource" : `provider "${project.dialect}"`;
    throw new InputError(
      `${provider}: Lockstep plans PostgreSQL migrations`,
      shown(project.dialectSource ?? project.schemaFile ?? dir),
    );
  }
  const to = request.to ?? modelOf(project, shown);
  const migrations = shown(project.migrationsDir);
  const from = request.from ?? (isDir(project.migrationsDir) ? migrations : undefined);
  const out = request.out ?? (request.name ? migrations : undefined);
  const baseline =
    request.baseline === false
      ? undefined
      : (request.baseline ??
        (request.to === undefined && from === migrations ? newestMigrationModel(project, to, cwd) : undefined));
  return {
    to,
    ...(from !== undefined ? { from } : {}),
    ...(baseline ? { baseline } : {}),
    ...(out !== undefined ? { out } : {}),
    writer: request.writer ?? project.format,
    project,
    dialect: spoken,
  };
}

/**
 * `git:COMMIT:MODEL`: the model at the last commit that touched the migrations folder, the one
 * its newest migration was made from, when the model has changed since. None outside git, where
 * that commit lacks the model, or where the model is as it was then: everything pending is planned.
 */
function newestMigrationModel(project: Project, model: string, cwd: string): string | undefined {
  try {
    const commit = git(["log", "-1", "--format=%H", "--", project.migrationsDir], cwd, "baseline").toString().trim();
    if (!commit) return undefined;
    const then = git(["show", `${commit}:./${model.replace(/\\/g, "/")}`], cwd, "baseline");
    if (then.equals(readFileSync(path.resolve(cwd, model)))) return undefined;
    return `git:${commit.slice(0, 12)}:${model}`;
  } catch {
    return undefined; // Not a git work tree, or the model is not in that commit.
  }
}

function modelOf(project: Project, shown: (p: string) => string): string {
  if (!project.schemaFile)
    throw new InputError(
      `found ${shown(project.migrationsDir)} (${project.format}) but no model to plan towards: pass --to <source> (a schema.sql, a database URL)`,
    );
  if (isDir(project.schemaFile))
    throw new InputError(
      "a multi-file Prisma schema (a folder) cannot be read yet: pass --to <source>",
      shown(project.schemaFile),
    );
  return shown(project.schemaFile);
}
