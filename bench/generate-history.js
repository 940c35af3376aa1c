// Generates a migration history of `tables` tables over `migrations` plain-SQL files, and a
// declarative schema of the same end state with a few more changes (what `plan` would be asked).
// With `downs`, each file gets its `<name>.down.sql` undoing it (what `verify` round-trips).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function generateHistory(dir, { tables = 300, migrations = 200, downs = false } = {}) {
  const history = join(dir, "migrations");
  mkdirSync(history, { recursive: true });
  const files = Array.from({ length: migrations }, () => ({ up: [], down: [] }));
  const schema = [];
  for (let t = 0; t < tables; t++) {
    const create = [
      `CREATE TABLE t${t} (`,
      `  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,`,
      `  name text NOT NULL,`,
      `  status varchar(20) NOT NULL DEFAULT 'new',`,
      `  amount numeric(12,2),`,
      `  created_at timestamptz NOT NULL DEFAULT now()` + (t > 0 ? "," : ""),
      ...(t > 0 ? [`  parent_id bigint REFERENCES t${t - 1} (id)`] : []),
      `);`,
      `CREATE INDEX t${t}_created_at_idx ON t${t} (created_at);`,
    ].join("\n");
    // Tables are spread over the first half; the second half alters them, as histories do.
    const first = files[Math.floor((t * migrations) / 2 / tables)];
    first.up.push(create);
    first.down.unshift(`DROP TABLE t${t};`);
    schema.push(create);
    const later = files[Math.floor(migrations / 2 + (t * migrations) / 2 / tables)];
    later.up.push(`ALTER TABLE t${t} ADD COLUMN note text;`, `CREATE INDEX t${t}_status_idx ON t${t} (status);`);
    later.down.unshift(`DROP INDEX t${t}_status_idx;`, `ALTER TABLE t${t} DROP COLUMN note;`);
    schema.push(`ALTER TABLE t${t} ADD COLUMN note text;`, `CREATE INDEX t${t}_status_idx ON t${t} (status);`);
  }
  files.forEach(({ up, down }, i) => {
    const name = `${String(i + 1).padStart(4, "0")}_step_${i + 1}`;
    writeFileSync(join(history, `${name}.sql`), `${up.join("\n\n") || "SELECT 1;"}\n`);
    if (downs) writeFileSync(join(history, `${name}.down.sql`), `${down.join("\n\n") || "SELECT 1;"}\n`);
  });
  // The desired schema: the end state plus a new column, an index and a new table.
  schema.push(
    "ALTER TABLE t0 ADD COLUMN avatar_url text;",
    "CREATE INDEX t1_name_idx ON t1 (name);",
    "CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, t0_id bigint REFERENCES t0 (id), at timestamptz NOT NULL DEFAULT now());",
    "CREATE INDEX audit_log_t0_id_idx ON audit_log (t0_id);",
  );
  writeFileSync(join(dir, "schema.sql"), `${schema.join("\n\n")}\n`);
  return { history, schema: join(dir, "schema.sql") };
}
