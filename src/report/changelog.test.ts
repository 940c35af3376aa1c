import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendChangelog, type ChangelogEntry, renderChangelogEntry } from "./changelog.js";

const ENTRY: ChangelogEntry = {
  date: "2026-11-23",
  title: "db/migrations/002_users.sql",
  changes: [
    {
      kind: "add_column",
      table: "users",
      column: "nick",
      risk: "safe",
      reasons: [],
      migration: "db/migrations/002_users.sql",
    },
    {
      kind: "drop_column",
      table: "users",
      column: "legacy",
      risk: "breaking",
      reasons: [],
      migration: "db/migrations/002_users.sql",
    },
    {
      kind: "alter_column_type",
      table: "users",
      column: "email",
      risk: "safe",
      reasons: [],
      migration: "db/migrations/002_users.sql",
    },
  ],
  rollback: ["db/migrations/002_users.sql: down verified (round trip equal)"],
};

describe("schema changelog", () => {
  it("renders added, removed, changed, breaking, rollback, then each change with its migration, kind, object and risk", () => {
    expect(renderChangelogEntry(ENTRY)).toBe(
      [
        "## 2026-11-23: db/migrations/002_users.sql",
        "",
        "- Added: add column users.nick",
        "- Removed: drop column users.legacy",
        "- Changed: alter column type users.email",
        "- Breaking: yes (drop column users.legacy)",
        "- Rollback: db/migrations/002_users.sql: down verified (round trip equal)",
        "",
        "| Migration | Change | Object | Risk |",
        "| --- | --- | --- | --- |",
        "| db/migrations/002\\_users.sql | add\\_column | users.nick | safe |",
        "| db/migrations/002\\_users.sql | drop\\_column | users.legacy | breaking |",
        "| db/migrations/002\\_users.sql | alter\\_column\\_type | users.email | safe |",
        "",
      ].join("\n"),
    );
    expect(renderChangelogEntry({ ...ENTRY, changes: [], rollback: [] })).toContain(
      "- Added: none\n- Removed: none\n- Changed: none\n- Breaking: no\n- Rollback: none needed\n",
    );
  });

  it("creates the file with a header, appends after what is there, and never adds the same entry twice", () => {
    const file = join(mkdtempSync(join(tmpdir(), "lockstep-changelog-")), "CHANGELOG.schema.md");
    expect(appendChangelog(file, ENTRY)).toBe("appended");
    expect(readFileSync(file, "utf8")).toMatch(
      /^# Schema changelog\n[\s\S]*\n## 2026-11-23: db\/migrations\/002_users\.sql\n/,
    );
    expect(appendChangelog(file, ENTRY)).toBe("already there");
    writeFileSync(file, "# Ours\n\nkept as it is");
    expect(appendChangelog(file, { ...ENTRY, date: "2026-11-24" })).toBe("appended");
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("# Ours\n\nkept as it is\n\n## 2026-11-24: ")).toBe(true);
    expect(text.match(/^## /gm)).toHaveLength(1);
  });
});
