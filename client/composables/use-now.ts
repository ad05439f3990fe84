import { onScopeDispose, ref, type Ref } from 'vue';

interface Ticker {
  now: Ref<Date>;
  subscribers: number;
  timer: ReturnType<typeof setInterval> | undefined;
}

const tickers = new Map<number, Ticker>();

/**
 * The current time, ticking every `everyMs` (20 s by default, so "5 minutes ago" stays true on a phone
 * left open; a countdown asks for every second). One shared timer per interval serves every component.
 */
export function useNow(everyMs = 20_000): Ref<Date> {
  let ticker = tickers.get(everyMs);
  if (!ticker) tickers.set(everyMs, (ticker = { now: ref(new Date()), subscribers: 0, timer: undefined }));
  const shared = ticker;
  shared.subscribers += 1;
  if (!shared.timer) {
    shared.now.value = new Date();
    shared.timer = setInterval(() => (shared.now.value = new Date()), everyMs);
  }
  onScopeDispose(() => {
    shared.subscribers -= 1;
    if (shared.subscribers === 0 && shared.timer) {
      clearInterval(shared.timer);
      shared.timer = undefined;
    }
  });
  return shared.now;
}
