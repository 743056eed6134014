/** ISO-8601 UTC timestamp with milliseconds, the one time format stored in the database. */
export function nowIso(): string {
  return new Date().toISOString();
}
