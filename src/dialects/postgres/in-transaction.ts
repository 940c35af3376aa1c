import { deparseSync } from "pgsql-deparser";
import type { SqlStatement } from "./parse.js";
import { outsideTransactionOnly } from "./transactions.js";

type Node = Record<string, unknown>;

/**
 * The statement in a form that runs inside a transaction block: as it is when it already can;
 * `CREATE INDEX` / `DROP INDEX` without CONCURRENTLY (the same index, built or dropped under a
 * stronger lock); undefined for anything else that must run alone (a batched backfill's COMMIT,
 * VACUUM…). For a file that runs in one transaction, such as a down run to roll back a deploy.
 */
export function inTransactionForm(stmt: SqlStatement): string | undefined {
  if (!outsideTransactionOnly(stmt.ast)) return stmt.sql;
  const [kind, body] = Object.entries(stmt.ast)[0] ?? [];
  if ((kind !== "IndexStmt" && kind !== "DropStmt") || (body as Node | undefined)?.concurrent !== true)
    return undefined;
  const plain = { [kind]: { ...(body as Node), concurrent: false } };
  if (outsideTransactionOnly(plain)) return undefined;
  return deparseSync(plain as Parameters<typeof deparseSync>[0], { pretty: false });
}
