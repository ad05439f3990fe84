import { formatClock } from '../format/time';
import { useSessionStore } from '../stores/session';
import { useNow } from './use-now';

/** Formats shift times in the zone the user chose in their profile, else the device's. */
export function useShiftClock() {
  const now = useNow();
  const session = useSessionStore();
  return (time: string | Date) => formatClock(time, now.value, undefined, session.me?.timeZone);
}
