import { existsSync, statSync } from "node:fs";
import { type Dialect, type DialectName, dialectNamed } from "../dialects/index.js";
import { detectFormat } from "../frameworks/index.js";

/**
 * The dialect a request speaks: the one place a command picks it. Every stage below receives it
 * from here and asks it; none imports a dialect itself. Without `dialect` in the request, a
 * migrations folder that records its own (Prisma's migration_lock.toml) decides; else PostgreSQL.
 */
export function dialectOf(request: { readonly dialect?: DialectName } = {}, folder?: string): Dialect {
  return dialectNamed(request.dialect ?? (folder ? declaredBy(folder) : undefined));
}

function declaredBy(folder: string): DialectName | undefined {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return undefined;
  try {
    return detectFormat(folder).declaredDialect?.(folder);
  } catch {
    return undefined; // not a migrations folder: the command says so with its own message
  }
}
