/** A `postgres://` (or `postgresql://`) URL: a database whose schema is read where it lives. */
export function isDatabaseUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//.test(spec);
}
