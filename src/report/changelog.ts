import { changeSubject } from "./subject.js";
import { existsSync, readFileSync } from "node:fs";
import type { ChangeReport } from "../plan/model.js";
import { InputError } from "../util/errors.js";
import { replaceFileAtomically } from "../util/write-files.js";
import { escapeInline } from "./markdown.js";

/** A change a deploy ships, with the migration file that makes it. */
export interface ShippedChange extends ChangeReport {
  readonly migration?: string;
}

/** One entry of the schema changelog: what a deploy changes, and how it is rolled back. */
export interface ChangelogEntry {
  /** `YYYY-MM-DD` (UTC). */
  readonly date: string;
  /** What ships: the migration files. */
  readonly title: string;
  readonly changes: readonly ShippedChange[];
  /** How each part is undone, one line each. */
  readonly rollback: readonly string[];
}

const HEADER = "# Schema changelog\n\nOne entry per deploy, appended by `lockstep check --changelog`.\n";

/** `create_table`, `add_*` add; `drop_*` remove; the rest change. */
function bucket(c: ChangeReport): "added" | "removed" | "changed" {
  if (c.kind.startsWith("create_") || c.kind.startsWith("add_")) return "added";
  if (c.kind.startsWith("drop_")) return "removed";
  return "changed";
}

export function renderChangelogEntry(entry: ChangelogEntry): string {
  const of = (b: ReturnType<typeof bucket>) =>
    entry.changes
      .filter((c) => bucket(c) === b)
      .map((c) => `${c.kind.replace(/_/g, " ")} ${changeSubject(c)}`)
      .join("; ") || "none";
  const breaking = entry.changes.filter((c) => c.risk === "breaking");
  return [
    `## ${entry.date}: ${entry.title}`,
    "",
    `- Added: ${of("added")}`,
    `- Removed: ${of("removed")}`,
    `- Changed: ${of("changed")}`,
    `- Breaking: ${breaking.length ? `yes (${breaking.map((c) => `${c.kind.replace(/_/g, " ")} ${changeSubject(c)}`).join("; ")})` : "no"}`,
    `- Rollback: ${entry.rollback.join("; ") || "none needed"}`,
    "",
    ...changeTable(entry.changes),
  ].join("\n");
}

/** Each change on its own row: the migration that makes it, its kind, its object and its risk. */
function changeTable(changes: readonly ShippedChange[]): string[] {
  if (!changes.length) return [];
  const row = (cells: readonly string[]) => `| ${cells.map((c) => escapeInline(c) || "-").join(" | ")} |`;
  return [
    "| Migration | Change | Object | Risk |",
    "| --- | --- | --- | --- |",
    ...changes.map((c) => row([c.migration ?? "", c.kind, changeSubject(c), c.risk])),
    "",
  ];
}

/**
 * Appends the entry to the changelog file (created with a header when absent), atomically. An
 * entry with the same heading already there is not added again (a CI job may run twice), and the
 * result says so.
 */
export function appendChangelog(file: string, entry: ChangelogEntry): "appended" | "already there" {
  let current = HEADER;
  if (existsSync(file)) {
    try {
      current = readFileSync(file, "utf8");
    } catch (err) {
      throw new InputError(`cannot read the changelog: ${(err as Error).message}`, file);
    }
  }
  const text = renderChangelogEntry(entry);
  const heading = text.slice(0, text.indexOf("\n"));
  if (current.split("\n").includes(heading)) return "already there";
  replaceFileAtomically(file, `${current.replace(/\n*$/, "\n")}\n${text}`);
  return "appended";
}
