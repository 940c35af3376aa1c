import { type Dialect, type DialectName, dialectNamed } from "../dialects/index.js";

/**
 * The dialect a request speaks: the one place a command picks it. Every stage below receives it
 * from here and asks it; none imports a dialect itself.
 */
export function dialectOf(request: { readonly dialect?: DialectName } = {}): Dialect {
  return dialectNamed(request.dialect);
}
