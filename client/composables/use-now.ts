import { onScopeDispose, ref, type Ref } from 'vue';

const now = ref(new Date());
let subscribers = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * The current time, ticking every 20 s so "5 minutes ago" stays true on a phone left open.
 * One shared timer serves every card on screen.
 */
export function useNow(): Ref<Date> {
  subscribers += 1;
  if (!timer) {
    now.value = new Date();
    timer = setInterval(() => (now.value = new Date()), 20_000);
  }
  onScopeDispose(() => {
    subscribers -= 1;
    if (subscribers === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
