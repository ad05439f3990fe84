/** Re-page delays offered in Settings; any other value the API set stays selectable. */
export const delayChoices = [0, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600];

/** "At once", "After 30 s", "After 5 min", "After 1 h 30 min". */
export function delayLabel(seconds: number): string {
  if (seconds === 0) return 'At once';
  if (seconds < 60) return `After ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60 ? ` ${seconds % 60} s` : '';
  if (minutes < 60) return `After ${minutes} min${rest}`;
  const hours = Math.floor(minutes / 60);
  return `After ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}${rest}`;
}
