import { alterTable, ident, literal, qualified } from "../render.js";
import type { Change, ChangeOf } from "../../../diff/changes.js";
import { type Column, displayName, type EnumType, type Schema, type Table } from "../../../schema/model.js";
import { RANK } from "../../../plan/ops.js";
import type { RecipeFn } from "./sql-ops.js";
import { breaking } from "./shared.js";

const createType = (e: EnumType) => `CREATE TYPE ${qualified(e)} AS ENUM (${e.values.map(literal).join(", ")})`;

export const createEnumRecipe: RecipeFn<ChangeOf<"create_enum">> = (change) => ({
  kind: "create_enum",
  object: displayName(change.enum),
  risk: "safe",
  reasons: ["a new type"],
  ops: [
    {
      stage: "main",
      rank: RANK.createEnum,
      up: [createType(change.enum)],
      down: [`DROP TYPE ${qualified(change.enum)}`],
    },
  ],
});

/**
 * DROP TYPE fails while a column still uses the type: it runs after every change to the columns
 * that used it (dropped, or moved to another type, maybe by a swap in the contract step), and its
 * down creates the type before theirs run.
 */
export const dropEnumRecipe: RecipeFn<ChangeOf<"drop_enum">> = (change, ctx) => ({
  kind: "drop_enum",
  object: displayName(change.enum),
  risk: "safe",
  reasons: ["no column uses the type any more"],
  ops: [
    {
      stage: "main",
      rank: RANK.dropEnum,
      up: [`DROP TYPE ${qualified(change.enum)}`],
      down: [createType(change.enum)],
      after: ctx.changes.filter((c) => columnsLeft(c).some((col) => isEnum(col.type, change.enum))),
    },
  ],
});

/** The columns, as they were, that a change drops or alters. */
function columnsLeft(c: Change): readonly Column[] {
  switch (c.kind) {
    case "drop_table":
      return c.table.columns;
    case "drop_column":
      return [c.column];
    case "rename_column":
    case "alter_column_type":
    case "alter_column_other":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
      return [c.from];
    default:
      return [];
  }
}

/** The type is the enum or an array of it, as format_type prints it. */
function isEnum(type: string, e: EnumType): boolean {
  const name = e.schema === "public" ? ident(e.name) : `${ident(e.schema)}.${ident(e.name)}`;
  return type === name || type === `${name}[]`;
}

/** The enum (or array of an enum) of `schema` that a column type names, if it names one. */
export function enumOf(type: string, schema: Schema): EnumType | undefined {
  return schema.enums.find((e) => isEnum(type, e));
}

/** The columns of `schema` whose type is the enum (or an array of it). */
function columnsOf(e: EnumType, schema: Schema): { table: Table; column: Column; array: boolean }[] {
  return schema.tables.flatMap((table) =>
    table.columns
      .filter((c) => isEnum(c.type, e))
      .map((column) => ({ table, column, array: column.type.endsWith("[]") })),
  );
}

/**
 * PostgreSQL cannot remove an enum value: the type is rebuilt under a new name, every column
 * moved to it, and the old type dropped. One DO block, so it runs as one statement anywhere.
 */
function rebuild(e: EnumType, values: readonly string[], schema: Schema): string {
  const old = { schema: e.schema, name: `${e.name}_lockstep_old` };
  const lines = [
    `ALTER TYPE ${qualified(e)} RENAME TO ${ident(old.name)}`,
    `CREATE TYPE ${qualified(e)} AS ENUM (${values.map(literal).join(", ")})`,
  ];
  for (const { table, column, array } of columnsOf(e, schema)) {
    const c = ident(column.name);
    const t = `${qualified(e)}${array ? "[]" : ""}`;
    if (column.default !== undefined) lines.push(alterTable(table, `ALTER COLUMN ${c} DROP DEFAULT`));
    lines.push(alterTable(table, `ALTER COLUMN ${c} TYPE ${t} USING ${c}::text${array ? "[]" : ""}::${t}`));
    if (column.default !== undefined) lines.push(alterTable(table, `ALTER COLUMN ${c} SET DEFAULT ${column.default}`));
  }
  lines.push(`DROP TYPE ${qualified(old)}`);
  return `DO $lockstep$\nBEGIN\n${lines.map((l) => `  EXECUTE ${literal(l)};`).join("\n")}\nEND\n$lockstep$`;
}

/**
 * ADD VALUE in a step of its own: the new value cannot be used in the transaction that adds it.
 * Enum steps run first, so their downs run last, on the tables as they were: the down rebuilds the
 * type with the values it had before this step (the old ones and those added by earlier steps)
 * for the columns of the current schema.
 */
export const addEnumValueRecipe: RecipeFn<ChangeOf<"add_enum_value">> = (change, ctx) => {
  const { enum: e, value, position } = change;
  const where =
    position?.after !== undefined
      ? ` AFTER ${literal(position.after)}`
      : position?.before !== undefined
        ? ` BEFORE ${literal(position.before)}`
        : "";
  const old = ctx.from.enums.find((x) => x.schema === e.schema && x.name === e.name)?.values ?? [];
  const earlier = ctx.changes
    .slice(0, Math.max(0, ctx.changes.indexOf(change)))
    .flatMap((c) =>
      c.kind === "add_enum_value" && c.enum.schema === e.schema && c.enum.name === e.name ? [c.value] : [],
    );
  const without = e.values.filter((v) => old.includes(v) || earlier.includes(v));
  return {
    kind: "add_enum_value",
    object: displayName(e),
    risk: "safe",
    reasons: [
      `adds ${literal(value)} to ${displayName(e)}; in a step of its own, since the value cannot be used in the transaction that adds it`,
    ],
    ops: [
      {
        stage: "enum",
        rank: RANK.createEnum,
        up: [`ALTER TYPE ${qualified(e)} ADD VALUE ${literal(value)}${where}`],
        down: [rebuild(e, without, ctx.from)],
        label: `add_${e.name}_value`,
        dataLoss: `the down fails while rows hold ${literal(value)}`,
      },
    ],
  };
};

export const dropEnumValueRecipe: RecipeFn<ChangeOf<"drop_enum_value">> = (change, ctx) => {
  const { from, enum: e, removed } = change;
  const list = removed.map(literal).join(", ");
  return {
    kind: "drop_enum_value",
    object: displayName(e),
    risk: "breaking",
    reasons: [
      removed.length
        ? `removing ${list} from ${displayName(e)} rebuilds the type and rewrites every column using it; rows holding ${list} make it fail`
        : `reordering ${displayName(e)} rebuilds the type and rewrites every column using it`,
    ],
    findings: [
      breaking("enum-value-removed", `${displayName(e)}: removing ${list || "values"} needs a type rebuild`, ctx),
    ],
    ops: [
      {
        stage: "contract",
        rank: RANK.alterColumn,
        up: [rebuild(e, e.values, ctx.to)],
        down: [rebuild(e, from.values, ctx.to)],
        deploy: `Deploy code that no longer writes ${list || "the old order"}, and update rows that hold it, before this step.`,
        needsCodeDeploy: true,
      },
    ],
  };
};
