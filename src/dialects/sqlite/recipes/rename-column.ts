import type { ChangeOf } from "../../../diff/changes.js";
import { tableKey } from "../../../diff/renames.js";
import { RANK } from "../../../plan/ops.js";
import { displayName } from "../../../schema/model.js";
import { dropColumn, ident, renameColumn } from "../render.js";
import { rebuiltRecipe } from "./rebuilt.js";
import {
  addColumnSql,
  breaking,
  foreignKeysAround,
  columnName,
  has,
  type Op,
  type RecipeFn,
  rebuildOp,
  tableBefore,
  tableRebuilt,
} from "./shared.js";

/**
 * A confirmed rename, expand/contract as on PostgreSQL: the new column is added and kept in step
 * with the old one by triggers while old and new code run side by side; once the code uses only
 * the new name, the contract drops the copy and renames the old column in place (RENAME COLUMN,
 * 3.25+, which rewrites the indexes, triggers and views naming it), else rebuilds the table.
 */
export const renameColumnRecipe: RecipeFn<ChangeOf<"rename_column">> = (change, ctx) => {
  const { table, from, column: to } = change;
  if (tableRebuilt(ctx, table)) return rebuiltRecipe(change, ctx);
  const before = tableBefore(change, ctx);
  const t = ident(table.name);
  const o = ident(from.name);
  const n = ident(to.name);
  const trigger = (suffix: string) => ident(`${table.name}_${from.name}_${suffix}`);
  const triggers = [
    `CREATE TRIGGER ${trigger("to_new")} AFTER UPDATE OF ${o} ON ${t} BEGIN UPDATE ${t} SET ${n} = NEW.${o} WHERE rowid = NEW.rowid; END`,
    `CREATE TRIGGER ${trigger("from_new")} AFTER UPDATE OF ${n} ON ${t} BEGIN UPDATE ${t} SET ${o} = NEW.${n} WHERE rowid = NEW.rowid; END`,
    `CREATE TRIGGER ${trigger("on_insert")} AFTER INSERT ON ${t} BEGIN UPDATE ${t} SET ${n} = coalesce(NEW.${n}, NEW.${o}) WHERE rowid = NEW.rowid; END`,
  ];
  const dropTriggers = ["on_insert", "from_new", "to_new"].map((s) => `DROP TRIGGER ${trigger(s)}`);
  const copy = { ...to, notNull: false, default: undefined } as typeof to;
  const { default: _dropped, ...bare } = copy;
  const expanded = { ...before, columns: [...before.columns, bare] };
  const dropCopy = has(ctx, "dropColumn")
    ? { up: [dropColumn(table, to.name)] }
    : { up: rebuildOp(expanded, before, ctx).up, around: true };
  const ops: Op[] = [
    {
      stage: "main",
      rank: RANK.addColumn,
      up: [addColumnSql(before, bare), `UPDATE ${t} SET ${n} = ${o}`, ...triggers],
      down: [...dropTriggers, ...dropCopy.up],
      deploy: `Then deploy code that reads ${to.name} and writes either: triggers keep both in step.`,
      ...(dropCopy.around ? { around: foreignKeysAround() } : {}),
    },
  ];
  const target = ctx.to.tables.find((x) => tableKey(x) === tableKey(table)) ?? table;
  if (has(ctx, "renameColumn") && has(ctx, "dropColumn")) {
    ops.push({
      stage: "contract",
      rank: RANK.rename,
      up: [...dropTriggers, dropColumn(table, to.name), renameColumn(table, from.name, to.name)],
      down: [
        renameColumn(table, to.name, from.name),
        addColumnSql(before, bare),
        `UPDATE ${t} SET ${n} = ${o}`,
        ...triggers,
      ],
      deploy: `Deploy code that uses only ${columnName(table, to.name)} before this step.`,
      needsCodeDeploy: true,
    });
  } else {
    const rebuild = rebuildOp(expanded, target, ctx, { copy: { [to.name]: o } });
    const back = rebuildOp(target, expanded, ctx, { copy: { [from.name]: n, [to.name]: n } });
    ops.push({
      ...rebuild,
      stage: "contract",
      up: [...dropTriggers, ...rebuild.up],
      down: [...back.up, ...triggers],
      deploy: `Deploy code that uses only ${columnName(table, to.name)} before this step.`,
      needsCodeDeploy: true,
    });
  }
  return {
    kind: "rename_column",
    table: displayName(table),
    column: from.name,
    object: to.name,
    risk: "breaking",
    reasons: [
      `code that uses ${columnName(table, from.name)} breaks when it is renamed; planned as expand (new column kept in step by triggers), contract (the rename)`,
    ],
    findings: [
      breaking("rename-column", `renaming ${columnName(table, from.name)} to ${to.name} breaks running code`, ctx),
    ],
    ops,
  };
};
