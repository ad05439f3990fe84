/**
 * `<input type="datetime-local">` speaks wall-clock time without a zone. The app shows times in the device's
 * zone, so these convert between that and instants: "2026-03-02T04:05" ⇄ "2026-03-02T03:05:00.000Z" in Paris.
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a local wall-clock value means, as ISO 8601 with its zone (Z); null for an empty or bad value. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
