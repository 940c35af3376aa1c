import { ident, literal, qualified } from "../render.js";
import type { ChangeOf } from "../../../diff/changes.js";
import { displayName, type Sequence } from "../../../schema/model.js";
import { RANK } from "../../../plan/ops.js";
import type { RecipeFn } from "./sql-ops.js";
import { breaking } from "./shared.js";

function sequenceOptions(s: Sequence): string {
  return `AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? " CYCLE" : " NO CYCLE"}`;
}

export const sequenceRecipe: RecipeFn<ChangeOf<"create_sequence" | "drop_sequence" | "alter_sequence">> = (change) => {
  const s = change.sequence;
  const create = `CREATE SEQUENCE ${qualified(s)} ${sequenceOptions(s)}`;
  const drop = `DROP SEQUENCE ${qualified(s)}`;
  const alter = (to: Sequence) => `ALTER SEQUENCE ${qualified(s)} ${sequenceOptions(to)}`;
  const [up, down, rank] =
    change.kind === "create_sequence"
      ? [create, drop, RANK.createSequence]
      : change.kind === "drop_sequence"
        ? [drop, create, RANK.dropSequence]
        : [alter(s), alter(change.from!), RANK.createSequence];
  return {
    kind: "other",
    object: displayName(s),
    risk: "safe",
    reasons: [`${change.kind.replace("_", " ")} ${displayName(s)}`],
    ops: [{ stage: "main", rank, up: [up], down: [down] }],
  };
};

export const namespaceRecipe: RecipeFn<ChangeOf<"create_namespace" | "drop_namespace">> = (change, ctx) => {
  const create = `CREATE SCHEMA ${ident(change.name)}`;
  const drop = `DROP SCHEMA ${ident(change.name)}`;
  const creating = change.kind === "create_namespace";
  return {
    kind: "other",
    object: change.name,
    risk: creating ? "safe" : "breaking",
    reasons: [creating ? "a new schema" : `drops schema ${change.name}`],
    findings: creating ? [] : [breaking("drop-schema", `dropping schema ${change.name}`, ctx)],
    ops: [
      {
        stage: creating ? "main" : "contract",
        rank: creating ? RANK.createNamespace : RANK.dropNamespace,
        up: [creating ? create : drop],
        down: [creating ? drop : create],
      },
    ],
  };
};

export const extensionRecipe: RecipeFn<ChangeOf<"create_extension" | "drop_extension">> = (change) => {
  const create = `CREATE EXTENSION IF NOT EXISTS ${ident(change.name)}`;
  const drop = `DROP EXTENSION IF EXISTS ${ident(change.name)}`;
  const creating = change.kind === "create_extension";
  return {
    kind: "other",
    object: change.name,
    risk: "safe",
    reasons: [`${creating ? "installs" : "removes"} extension ${literal(change.name)}`],
    ops: [
      {
        stage: "main",
        rank: creating ? RANK.createNamespace : RANK.dropNamespace,
        up: [creating ? create : drop],
        down: [creating ? drop : create],
      },
    ],
  };
};
