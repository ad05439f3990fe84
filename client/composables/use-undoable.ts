import { computed, onBeforeUnmount, ref } from 'vue';

/**
 * An action that waits `delayMs` before it happens, so a mis-tap can be undone instead of confirmed up front:
 * nothing is queued or sent until the time is up. Leaving the screen meanwhile does it at once, as the person
 * asked.
 */
export function useUndoable(delayMs = 5000) {
  const deadline = ref<number | null>(null);
  const now = ref(Date.now());
  let action: (() => unknown) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;

  function stop() {
    clearTimeout(timer);
    clearInterval(ticker);
    deadline.value = null;
  }

  function fire() {
    const pending = action;
    action = null;
    stop();
    pending?.();
  }

  function start(run: () => unknown) {
    if (deadline.value !== null) return;
    action = run;
    now.value = Date.now();
    deadline.value = now.value + delayMs;
    timer = setTimeout(fire, delayMs);
    ticker = setInterval(() => (now.value = Date.now()), 250);
  }

  function undo() {
    action = null;
    stop();
  }

  onBeforeUnmount(() => {
    if (action) fire();
  });

  const waiting = computed(() => deadline.value !== null);
  const secondsLeft = computed(() => (deadline.value === null ? 0 : Math.max(1, Math.ceil((deadline.value - now.value) / 1000))));
  return { start, undo, waiting, secondsLeft };
}
