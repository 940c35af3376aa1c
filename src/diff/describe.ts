import { displayName } from "../schema/model.js";
import type { Change } from "./changes.js";

/** One line naming a change, for messages: `add_column users.avatar_url`. */
export function describeChange(c: Change): string {
  const k = c.kind.replace(/_/g, " ");
  switch (c.kind) {
    case "create_table":
    case "drop_table":
      return `${k} ${displayName(c.table)}`;
    case "rename_table":
      return `${k} ${displayName(c.from)} → ${displayName(c.table)}`;
    case "add_column":
    case "drop_column":
      return `${k} ${displayName(c.table)}.${c.column.name}`;
    case "rename_column":
      return `${k} ${displayName(c.table)}.${c.from.name} → ${c.column.name}`;
    case "alter_column_type":
      return `${k} ${displayName(c.table)}.${c.column.name}: ${c.from.type} → ${c.column.type}`;
    case "set_not_null":
    case "drop_not_null":
    case "alter_column_other":
      return `${k} ${displayName(c.table)}.${c.column.name}`;
    case "set_default":
    case "drop_default":
      return `${k} ${displayName(c.table)}.${c.column.name}: ${c.from.default ?? "none"} → ${c.column.default ?? "none"}`;
    case "add_index":
    case "drop_index":
      return `${k} ${c.index.name} on ${displayName(c.table)}`;
    case "rename_index":
      return `${k} ${c.from.name} → ${c.index.name} on ${displayName(c.table)}`;
    case "add_foreign_key":
    case "drop_foreign_key":
      return `${k} ${c.fk.name} on ${displayName(c.table)}`;
    case "add_unique":
    case "drop_unique":
      return `${k} ${c.unique.name} on ${displayName(c.table)}`;
    case "add_check":
    case "drop_check":
      return `${k} ${c.check.name} on ${displayName(c.table)}`;
    case "add_primary_key":
    case "drop_primary_key":
      return `${k} ${c.pk.name} on ${displayName(c.table)}`;
    case "add_exclusion":
    case "drop_exclusion":
      return `${k} ${c.exclusion.name} on ${displayName(c.table)}`;
    case "validate_constraint":
      return `${c.validated ? "validate" : "unvalidate"} ${c.constraint.name} on ${displayName(c.table)}`;
    case "create_enum":
    case "drop_enum":
      return `${k} ${displayName(c.enum)}`;
    case "add_enum_value":
      return `${k} '${c.value}' to ${displayName(c.enum)}`;
    case "drop_enum_value":
      return `${k} ${c.removed.join(", ") || "(reorder)"} from ${displayName(c.enum)}`;
    case "create_sequence":
    case "drop_sequence":
    case "alter_sequence":
      return `${k} ${displayName(c.sequence)}`;
    default:
      return `${k} ${c.name}`;
  }
}
