import { addForeignKey, alterTable, columnList, dropConstraint, ident, qualified } from "../render.js";
import type { Change, ChangeOf } from "../../../diff/changes.js";
import {
  type CheckConstraint,
  displayName,
  type ForeignKey,
  type PrimaryKey,
  type Table,
  type UniqueConstraint,
} from "../../../schema/model.js";
import { tableKey } from "../../../diff/renames.js";
import { missingFkIndex } from "../rules/missing-foreign-key-index.js";
import { type PlanContext, RANK, type Stage } from "../../../plan/ops.js";
import type { Op, Recipe, RecipeFn } from "./sql-ops.js";
import { warning } from "./columns.js";
import { changesOn } from "./shared.js";
import { AFTER_KEYS, keyDropsFor, waitsForKey } from "./referenced-keys.js";

/** Re-creates a constraint as NOT VALID: the reverse of validating it. */
function unvalidate(table: Table, c: ForeignKey | CheckConstraint): string[] {
  return [
    dropConstraint(table, c.name),
    alterTable(table, `ADD CONSTRAINT ${ident(c.name)} ${c.definition} NOT VALID`),
  ];
}

/** NOT VALID now (a short lock), VALIDATE in a transaction of its own (a scan under a weak lock). */
export function addThenValidate(
  table: Table,
  c: ForeignKey | CheckConstraint,
  rank: number,
  stages: { add: Stage; validate: Stage } = { add: "main", validate: "validate" },
): Op[] {
  const add = alterTable(table, `ADD CONSTRAINT ${ident(c.name)} ${c.definition} NOT VALID`);
  if (!c.validated) return [{ stage: stages.add, rank, up: [add], down: [dropConstraint(table, c.name)] }];
  return [
    { stage: stages.add, rank, up: [add], down: [dropConstraint(table, c.name)] },
    {
      stage: stages.validate,
      rank,
      up: [alterTable(table, `VALIDATE CONSTRAINT ${ident(c.name)}`)],
      down: unvalidate(table, c),
    },
  ];
}

/**
 * A key whose referenced unique index the plan builds (or replaces) is added once the index is
 * there and attached, so it rests on the new index: before, PostgreSQL finds no unique key to use.
 */
export const addForeignKeyRecipe: RecipeFn<ChangeOf<"add_foreign_key">> = (change, ctx) => {
  const { table, fk } = change;
  const finding = missingFkIndex(table, fk);
  const wait = waitsForKey(fk, ctx);
  return {
    kind: "add_foreign_key",
    table: displayName(table),
    object: fk.name,
    risk: "risky",
    reasons: [
      `ADD FOREIGN KEY scans ${displayName(table)} holding SHARE ROW EXCLUSIVE on it and ${displayName(fk.references)}; added NOT VALID, then validated in its own transaction`,
      ...(wait ? [`added after the unique key it references on ${displayName(fk.references)} is built`] : []),
    ],
    ops: addThenValidate(table, fk, RANK.addForeignKey, wait ? AFTER_KEYS : undefined),
    findings: finding ? [finding] : [],
  };
};

/**
 * Foreign keys the plan keeps that rest on a key it drops (PostgreSQL refuses the drop while they
 * use its index): each is dropped first in the main step and added again after the attach step,
 * onto the key that takes over (NOT VALID, then validated); the downs mirror that. Only the first
 * drop of such a key in the plan does it.
 */
export function rebindForeignKeys(change: Change, ctx: PlanContext): Op[] {
  return ctx.from.tables.flatMap((from) =>
    from.foreignKeys.flatMap((fk) => {
      if (keyDropsFor(fk, ctx)[0] !== change) return [];
      const renamed = ctx.changes.find(
        (c): c is ChangeOf<"rename_table"> => c.kind === "rename_table" && tableKey(c.from) === tableKey(from),
      );
      const name = tableKey(renamed?.table ?? from);
      const table = ctx.to.tables.find((t) => tableKey(t) === name);
      const kept = table?.foreignKeys.find((f) => f.name === fk.name);
      const changed = ctx.changes.some(
        (c) =>
          (c.kind === "drop_foreign_key" || c.kind === "add_foreign_key") &&
          tableKey(c.table) === name &&
          c.fk.name === fk.name,
      );
      if (!table || !kept || changed) return [];
      return [
        {
          stage: "main" as const,
          rank: RANK.dropForeignKey,
          up: [dropConstraint(table, kept.name)],
          down: [addForeignKey(table, kept)],
        },
        ...addThenValidate(table, kept, RANK.addForeignKey, AFTER_KEYS),
      ];
    }),
  );
}

/** What a key drop says about the foreign keys it takes along for a while. */
export function rebindReason(ops: readonly Op[]): string[] {
  return ops.length
    ? ["foreign keys that rest on it are dropped first and added again onto the key that replaces it"]
    : [];
}

/**
 * A constraint dropped in the main step (a catalog change under a short ACCESS EXCLUSIVE lock);
 * the down adds it back with `readd`, which scans the table as any ADD CONSTRAINT does.
 */
function droppedConstraint(
  kind: Recipe["kind"],
  table: Table,
  name: string,
  readd: string,
  options: { risk?: Recipe["risk"]; reasons?: string[]; rank?: number; rebound?: readonly Op[] } = {},
): Recipe {
  const rebound = options.rebound ?? [];
  return {
    kind,
    table: displayName(table),
    object: name,
    risk: options.risk ?? "safe",
    reasons: [
      ...(options.reasons ?? ["dropping a constraint is a catalog change (a short ACCESS EXCLUSIVE lock)"]),
      ...rebindReason(rebound),
    ],
    ops: [
      {
        stage: "main",
        rank: options.rank ?? RANK.dropConstraint,
        up: [dropConstraint(table, name)],
        down: [readd],
      },
      ...rebound,
    ],
  };
}

/** `ALTER TABLE … ADD CONSTRAINT name <definition>`. */
function addConstraint(table: Table, name: string, definition: string): string {
  return alterTable(table, `ADD CONSTRAINT ${ident(name)} ${definition}`);
}

export const dropForeignKeyRecipe: RecipeFn<ChangeOf<"drop_foreign_key">> = ({ table, fk }) =>
  droppedConstraint("drop_foreign_key", table, fk.name, addForeignKey(table, fk), { rank: RANK.dropForeignKey });

export const addCheckRecipe: RecipeFn<ChangeOf<"add_check">> = (change) => {
  const { table, check } = change;
  return {
    kind: "add_check",
    table: displayName(table),
    object: check.name,
    risk: "risky",
    reasons: [
      `ADD CHECK scans ${displayName(table)} under ACCESS EXCLUSIVE; added NOT VALID, then validated in its own transaction`,
    ],
    ops: addThenValidate(table, check, RANK.addConstraint),
  };
};

export const dropCheckRecipe: RecipeFn<ChangeOf<"drop_check">> = ({ table, check }) =>
  droppedConstraint(
    "drop_check",
    table,
    check.name,
    addConstraint(table, check.name, `${check.definition}${check.validated ? "" : " NOT VALID"}`),
  );

export const validateConstraintRecipe: RecipeFn<ChangeOf<"validate_constraint">> = (change) => {
  const { table, constraint: c, validated } = change;
  const validate = alterTable(table, `VALIDATE CONSTRAINT ${ident(c.name)}`);
  return {
    kind: "other",
    table: displayName(table),
    object: c.name,
    risk: "safe",
    reasons: [
      validated
        ? "VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on"
        : "the constraint becomes NOT VALID",
    ],
    ops: [
      validated
        ? { stage: "validate", rank: RANK.addConstraint, up: [validate], down: unvalidate(table, c) }
        : { stage: "main", rank: RANK.addConstraint, up: unvalidate(table, c), down: [validate] },
    ],
  };
};

/**
 * UNIQUE and PRIMARY KEY: the index is built CONCURRENTLY first, then attached with USING INDEX,
 * which only takes a short lock.
 */
function indexBacked(
  table: Table,
  name: string,
  columns: readonly string[],
  clause: "UNIQUE" | "PRIMARY KEY",
  nullsNotDistinct: boolean,
): Op[] {
  const idx = ident(name);
  const target = table.schema === "public" ? idx : `${ident(table.schema)}.${idx}`;
  const on = qualified(table);
  const nnd = nullsNotDistinct ? " NULLS NOT DISTINCT" : "";
  const build = (concurrently: boolean) =>
    `CREATE UNIQUE INDEX ${concurrently ? "CONCURRENTLY " : ""}${idx} ON ${on} (${columnList(columns)})${nnd}`;
  return [
    {
      stage: "concurrent",
      rank: RANK.addConstraint,
      up: [build(true)],
      down: [`DROP INDEX CONCURRENTLY IF EXISTS ${target}`],
      label: `create_index_${name}`,
    },
    {
      stage: "attach",
      rank: RANK.addConstraint,
      up: [alterTable(table, `ADD CONSTRAINT ${idx} ${clause} USING INDEX ${idx}`)],
      // Dropping the constraint drops its index too; the down rebuilds it so the step before it finds it.
      down: [dropConstraint(table, name), build(false)],
    },
  ];
}

/**
 * A key that only changes its name (a renamed table's `users_pkey` → `accounts_pkey`) is renamed
 * in place: dropping it would fail on the foreign keys that depend on its index, and rebuilding
 * the index would be work for nothing. The add renames; the matching drop plans nothing.
 */
function renameKey(table: Table, from: string, to: string): Op {
  return {
    stage: "main",
    rank: RANK.alterColumn,
    up: [alterTable(table, `RENAME CONSTRAINT ${ident(from)} TO ${ident(to)}`)],
    down: [alterTable(table, `RENAME CONSTRAINT ${ident(to)} TO ${ident(from)}`)],
  };
}

/** The unique constraint of `in_` with the same definition and a name `other` does not have. */
function sameUnique(unique: UniqueConstraint, in_: Table | undefined, other: Table | undefined) {
  return in_?.uniques.find(
    (u) =>
      u.definition === unique.definition && u.name !== unique.name && !other?.uniques.some((x) => x.name === u.name),
  );
}

function samePk(pk: PrimaryKey, other: PrimaryKey | undefined): PrimaryKey | undefined {
  return other && other.name !== pk.name && other.columns.join() === pk.columns.join() ? other : undefined;
}

/**
 * A key (unique or primary) that only changes name: renamed in place, where the new one is
 * planned; the old one's drop plans nothing.
 */
function renamedKey(kind: Recipe["kind"], table: Table, name: string, other: string, side: "add" | "drop"): Recipe {
  return {
    kind,
    table: displayName(table),
    object: name,
    risk: "safe",
    reasons: [
      side === "add"
        ? `${other} is renamed to ${name}: the same key, a catalog change`
        : `renamed to ${other}, not dropped`,
    ],
    ops: side === "add" ? [renameKey(table, other, name)] : [],
  };
}

export const addUniqueRecipe: RecipeFn<ChangeOf<"add_unique">> = (change) => {
  const { table, unique } = change;
  const renamed = sameUnique(unique, change.before, table);
  if (renamed) return renamedKey("add_unique", table, unique.name, renamed.name, "add");
  return {
    kind: "add_unique",
    table: displayName(table),
    object: unique.name,
    risk: "risky",
    reasons: [
      `ADD UNIQUE builds its index under ACCESS EXCLUSIVE; planned as CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX`,
      "the build fails on duplicate values: check for them first",
    ],
    ops: indexBacked(table, unique.name, unique.columns, "UNIQUE", unique.definition.includes("NULLS NOT DISTINCT")),
  };
};

export const dropUniqueRecipe: RecipeFn<ChangeOf<"drop_unique">> = (change, ctx) => {
  const { table, unique } = change;
  const renamed = sameUnique(unique, table, change.before);
  if (renamed) return renamedKey("drop_unique", table, unique.name, renamed.name, "drop");
  return droppedConstraint("drop_unique", table, unique.name, addConstraint(table, unique.name, unique.definition), {
    rebound: rebindForeignKeys(change, ctx),
  });
};

export const addPrimaryKeyRecipe: RecipeFn<ChangeOf<"add_primary_key">> = (change, ctx) => {
  const { table, pk } = change;
  const renamed = samePk(pk, change.before?.primaryKey);
  if (renamed) return renamedKey("add_primary_key", table, pk.name, renamed.name, "add");
  // A key column the plan adds may be filled and made NOT NULL in later steps: the key is
  // attached after them (ADD PRIMARY KEY would set NOT NULL itself, over rows still NULL).
  const newColumns = changesOn(ctx, table, "add_column").filter((c) => pk.columns.includes(c.column.name));
  const [build, attach] = indexBacked(table, pk.name, pk.columns, "PRIMARY KEY", false);
  return {
    kind: "add_primary_key",
    table: displayName(table),
    object: pk.name,
    risk: "risky",
    reasons: ["the key's index is built CONCURRENTLY, then attached with ADD PRIMARY KEY USING INDEX"],
    ops: [build!, { ...attach!, ...(newColumns.length ? { after: newColumns, rank: RANK.afterNotNull } : {}) }],
  };
};

export const dropPrimaryKeyRecipe: RecipeFn<ChangeOf<"drop_primary_key">> = (change, ctx) => {
  const { table, pk } = change;
  const renamed = samePk(pk, table.primaryKey);
  if (renamed) return renamedKey("drop_primary_key", table, pk.name, renamed.name, "drop");
  return droppedConstraint(
    "drop_primary_key",
    table,
    pk.name,
    addConstraint(table, pk.name, `PRIMARY KEY (${columnList(pk.columns)})`),
    {
      risk: "risky",
      reasons: ["rows are no longer identified by a key; tools that need one (logical replication) stop working"],
      rebound: rebindForeignKeys(change, ctx),
    },
  );
};

export const addExclusionRecipe: RecipeFn<ChangeOf<"add_exclusion">> = (change) => {
  const { table, exclusion } = change;
  return {
    kind: "other",
    table: displayName(table),
    object: exclusion.name,
    risk: "risky",
    reasons: [`an exclusion constraint cannot be NOT VALID: it scans ${displayName(table)} under ACCESS EXCLUSIVE`],
    findings: [
      warning("add-exclusion-constraint", `${exclusion.name} scans ${displayName(table)} under ACCESS EXCLUSIVE`),
    ],
    ops: [
      {
        stage: "main",
        rank: RANK.addConstraint,
        up: [addConstraint(table, exclusion.name, exclusion.definition)],
        down: [dropConstraint(table, exclusion.name)],
      },
    ],
  };
};

export const dropExclusionRecipe: RecipeFn<ChangeOf<"drop_exclusion">> = ({ table, exclusion }) =>
  droppedConstraint("other", table, exclusion.name, addConstraint(table, exclusion.name, exclusion.definition));
