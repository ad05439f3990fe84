/**
 * The zones to offer: the browser's list, plus UTC (which Chromium leaves out of it) and the zone already
 * saved, so the select can always show the current choice.
 */
export function timeZoneChoices(supported: readonly string[], saved: string | null): string[] {
  const zones = new Set(supported);
  zones.add('UTC');
  if (saved) zones.add(saved);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

export function supportedTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
