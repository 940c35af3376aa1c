import { displayName, type Schema, type Table } from "../schema/model.js";

/** `lockstep inspect`'s terminal view of a schema: what the catalog holds, as the catalog prints it. */
export function renderSchema(schema: Schema, label: string): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const out = [
    `Schema of ${label}: ${count(schema.tables.length, "table")}, ${count(schema.enums.length, "enum")}, ${count(schema.sequences.filter((s) => !s.ownedBy).length, "free-standing sequence")}`,
  ];
  if (schema.namespaces.length) out.push(`schemas     ${schema.namespaces.join(", ")}`);
  if (schema.extensions.length) out.push(`extensions  ${schema.extensions.join(", ")}`);
  for (const e of schema.enums)
    out.push("", `enum ${displayName(e)}: ${e.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")}`);
  for (const s of schema.sequences.filter((s) => !s.ownedBy))
    out.push("", `sequence ${displayName(s)} ${s.type} start ${s.start} increment ${s.increment}`);
  for (const t of schema.tables) out.push("", ...tableLines(t));
  return `${out.join("\n")}\n`;
}

function tableLines(t: Table): string[] {
  const width = Math.max(...t.columns.map((c) => c.name.length), 4);
  const typeWidth = Math.max(...t.columns.map((c) => c.type.length), 4);
  const lines = [`table ${displayName(t)}`];
  for (const c of t.columns) {
    const extra = [
      c.notNull ? "not null" : "null",
      c.identity ? `generated ${c.identity} as identity` : undefined,
      c.generated ? `generated always as ${c.generated} stored` : undefined,
      c.default !== undefined && !c.identity ? `default ${c.default}` : undefined,
      c.collation ? `collate ${c.collation}` : undefined,
    ].filter(Boolean);
    lines.push(`  ${c.name.padEnd(width)}  ${c.type.padEnd(typeWidth)}  ${extra.join("  ")}`);
  }
  if (t.primaryKey) lines.push(`  primary key  ${t.primaryKey.name} (${t.primaryKey.columns.join(", ")})`);
  for (const u of t.uniques) lines.push(`  unique       ${u.name} ${u.definition.replace(/^UNIQUE\s*/, "")}`);
  for (const f of t.foreignKeys)
    lines.push(
      `  foreign key  ${f.name} ${f.definition.replace(/^FOREIGN KEY\s*/, "")}${f.validated ? "" : " NOT VALID"}`,
    );
  for (const c of t.checks) lines.push(`  check        ${c.name} ${c.definition}${c.validated ? "" : " NOT VALID"}`);
  for (const x of t.exclusions) lines.push(`  exclusion    ${x.name} ${x.definition}`);
  for (const i of t.indexes) lines.push(`  index        ${i.definition}`);
  return lines;
}
