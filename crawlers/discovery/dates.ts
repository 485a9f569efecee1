/** Calendar day (YYYY-MM-DD) of an ISO 8601 or RFC 822 date, or null when unreadable. */
export function isoDay(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return trimmed.slice(0, 10);
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

/** True when both dates parse and `value` is strictly later than `reference`. */
export function isAfter(value: string, reference: string): boolean {
  const a = Date.parse(value);
  const b = Date.parse(reference);
  return !Number.isNaN(a) && !Number.isNaN(b) && a > b;
}
