/**
 * The typed changes between two schemas: a closed union of small records, each holding what the
 * planner needs to write the change and its reverse (the before and after objects).
 */
import type {
  CheckConstraint,
  Column,
  EnumType,
  ForeignKey,
  Index,
  OtherConstraint,
  PrimaryKey,
  Sequence,
  Table,
  UniqueConstraint,
} from "../schema/model.js";

/** Tables before and after the change; `before` is absent for a table this change set creates. */
interface OnTable {
  readonly table: Table;
  readonly before?: Table;
}

/** One union member per kind, so `ChangeOf<"add_index">` picks exactly one. */
type Each<K extends string, P> = K extends unknown ? { readonly kind: K } & P : never;

export type Change =
  | { readonly kind: "create_table"; readonly table: Table }
  | { readonly kind: "drop_table"; readonly table: Table; readonly renameCandidates?: readonly string[] }
  | { readonly kind: "rename_table"; readonly from: Table; readonly table: Table }
  | (OnTable & { readonly kind: "add_column"; readonly column: Column })
  | (OnTable & { readonly kind: "drop_column"; readonly column: Column; readonly renameCandidates?: readonly string[] })
  | (OnTable & { readonly kind: "rename_column"; readonly from: Column; readonly column: Column })
  | (OnTable & { readonly kind: "alter_column_type"; readonly from: Column; readonly column: Column })
  | Each<
      "set_not_null" | "drop_not_null" | "set_default" | "drop_default",
      OnTable & {
        readonly from: Column;
        readonly column: Column;
      }
    >
  | Each<"add_index" | "drop_index", OnTable & { readonly index: Index }>
  | (OnTable & { readonly kind: "rename_index"; readonly from: Index; readonly index: Index })
  | Each<"add_foreign_key" | "drop_foreign_key", OnTable & { readonly fk: ForeignKey }>
  | Each<"add_unique" | "drop_unique", OnTable & { readonly unique: UniqueConstraint }>
  | Each<"add_check" | "drop_check", OnTable & { readonly check: CheckConstraint }>
  | Each<"add_primary_key" | "drop_primary_key", OnTable & { readonly pk: PrimaryKey }>
  | Each<"add_exclusion" | "drop_exclusion", OnTable & { readonly exclusion: OtherConstraint }>
  | (OnTable & {
      readonly kind: "validate_constraint";
      readonly constraint: ForeignKey | CheckConstraint;
      readonly validated: boolean;
    })
  | (OnTable & { readonly kind: "alter_column_other"; readonly from: Column; readonly column: Column })
  | Each<"create_enum" | "drop_enum", { readonly enum: EnumType }>
  | {
      readonly kind: "add_enum_value";
      readonly enum: EnumType;
      readonly value: string;
      /** The value it is placed before, or after (ADD VALUE … BEFORE/AFTER). */
      readonly position?: { readonly before?: string; readonly after?: string };
    }
  | {
      readonly kind: "drop_enum_value";
      readonly from: EnumType;
      readonly enum: EnumType;
      readonly removed: readonly string[];
    }
  | Each<
      "create_sequence" | "drop_sequence" | "alter_sequence",
      { readonly sequence: Sequence; readonly from?: Sequence }
    >
  | Each<"create_namespace" | "drop_namespace", { readonly name: string }>
  | Each<"create_extension" | "drop_extension", { readonly name: string }>;

export type ChangeOf<K extends Change["kind"]> = Extract<Change, { kind: K }>;
