/** The part of Prisma's DMMF (`get_dmmf().datamodel`) that decides the database schema. */

export type DefaultValue =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[]
  | { readonly name: string; readonly args: readonly unknown[] };

export interface DmmfField {
  readonly name: string;
  /** The column name from `@map`, when there is one. */
  readonly dbName?: string | null;
  readonly kind: "scalar" | "object" | "enum";
  readonly isList: boolean;
  readonly isRequired: boolean;
  readonly isId: boolean;
  readonly isUnique: boolean;
  readonly type: string;
  /** `@db.VarChar(200)` as `["VarChar", ["200"]]`; null for Prisma's default type. */
  readonly nativeType?: readonly [string, readonly string[]] | null;
  readonly default?: DefaultValue;
  readonly isUpdatedAt: boolean;
  readonly relationName?: string;
  readonly relationFromFields?: readonly string[];
  readonly relationToFields?: readonly string[];
  readonly relationOnDelete?: string;
  readonly relationOnUpdate?: string;
}

export interface DmmfModel {
  readonly name: string;
  readonly dbName: string | null;
  readonly schema: string | null;
  readonly fields: readonly DmmfField[];
}

export interface DmmfEnum {
  readonly name: string;
  readonly dbName?: string | null;
  readonly values: readonly { readonly name: string; readonly dbName: string | null }[];
}

export interface DmmfIndexField {
  readonly name: string;
  readonly sortOrder?: "asc" | "desc";
  readonly operatorClass?: string;
}

export interface DmmfIndex {
  readonly model: string;
  readonly type: "id" | "unique" | "normal" | "fulltext";
  /** The `map:` name, when given. */
  readonly dbName?: string;
  readonly algorithm?: string;
  readonly fields: readonly DmmfIndexField[];
}

export interface Dmmf {
  readonly enums: readonly DmmfEnum[];
  readonly models: readonly DmmfModel[];
  readonly indexes: readonly DmmfIndex[];
}
