/**
 * Snoozing an acknowledged incident: paging starts again from step 1 when the snooze runs out. Zod-free, so
 * the phone's sheet and the server's validation share the bounds.
 */
export const minSnoozeMinutes = 1;
/** A day: longer than that, the incident wants resolving or handing over, not forgetting. */
export const maxSnoozeMinutes = 1440;

/** The choices the phone offers, in minutes: 15 min, 30 min, 1 h, 4 h. */
export const snoozeChoices = [15, 30, 60, 240] as const;

export function snoozeLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/** When a snooze of `minutes` taken at `now` runs out. */
export function snoozeEnd(now: Date, minutes: number): Date {
  return new Date(now.getTime() + minutes * 60_000);
}

/** Only an acknowledged incident can be snoozed: a triggered one is still paging, a resolved one is over. */
export function whyNotSnoozable(status: string): string | null {
  if (status === 'acknowledged') return null;
  return status === 'triggered' ? 'acknowledge it first' : 'it is resolved';
}
