/** Delays before retry 1, 2, 3, …: quick at first (a blip), then spaced out so an outage is not hammered. */
const retryDelaysMs = [5_000, 15_000, 45_000, 120_000, 300_000];

/** First try plus one retry per delay above (about eight minutes in all); after that delivery gives up. */
export const maxDeliveryAttempts = retryDelaysMs.length + 1;

/** How long to wait after failed attempt number `attempt` (1-based) before the next one. */
export function retryDelayMs(attempt: number): number {
  const index = Math.min(Math.max(attempt, 1), retryDelaysMs.length) - 1;
  return retryDelaysMs[index];
}

/** Used when a 429 carries no usable Retry-After. */
export const defaultRetryAfterMs = 60_000;
/** A push service asking for more than an hour is not worth waiting on for a page; retry then at the latest. */
export const maxRetryAfterMs = 3_600_000;

/** Parses Retry-After (delay in seconds, or an HTTP date) into a delay from `now`, within [0, maxRetryAfterMs]. */
export function parseRetryAfterMs(value: string | undefined, now: Date): number {
  const text = value?.trim() ?? '';
  let delay: number;
  // HTTP dates always spell out day and month; without that check V8 would read "1.5" as a date.
  if (/^\d+$/.test(text)) delay = Number(text) * 1000;
  else if (/[a-z]/i.test(text) && !Number.isNaN(Date.parse(text))) delay = Date.parse(text) - now.getTime();
  else return defaultRetryAfterMs;
  return Math.min(Math.max(delay, 0), maxRetryAfterMs);
}
