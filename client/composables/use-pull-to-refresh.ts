import { computed, onMounted, onScopeDispose, ref } from 'vue';

/** How far the indicator must be pulled down, in CSS px, for letting go to refresh. */
export const pullThreshold = 64;
const maxPull = 96;
/** The indicator trails the finger at half its distance, like a rubber band. */
const resistance = 0.5;

/**
 * Pull to refresh: a downward drag that starts with the page scrolled to the very top. `refresh`
 * is also returned for a button, since not every user can (or wants to) drag.
 */
export function usePullToRefresh(work: () => Promise<unknown>) {
  const pull = ref(0);
  const refreshing = ref(false);
  const armed = computed(() => pull.value >= pullThreshold);
  let startY: number | null = null;

  async function refresh(): Promise<void> {
    if (refreshing.value) return;
    refreshing.value = true;
    try {
      await work();
    } finally {
      refreshing.value = false;
    }
  }

  function start(event: TouchEvent) {
    // Anywhere below the top the finger is scrolling the list, not asking for a refresh.
    startY = window.scrollY <= 0 && event.touches.length === 1 && !refreshing.value ? event.touches[0].clientY : null;
  }
  function move(event: TouchEvent) {
    if (startY === null) return;
    pull.value = Math.min(maxPull, Math.max(0, (event.touches[0].clientY - startY) * resistance));
  }
  function end() {
    if (startY === null) return;
    startY = null;
    const release = armed.value;
    pull.value = 0;
    if (release) void refresh();
  }
  function cancel() {
    startY = null;
    pull.value = 0;
  }

  const listeners = { touchstart: start, touchmove: move, touchend: end, touchcancel: cancel } as const;
  const root = document.documentElement;
  const overscroll = root.style.overscrollBehaviorY;
  onMounted(() => {
    // The browser's own pull-to-reload would reload the whole app on top of this gesture.
    root.style.overscrollBehaviorY = 'contain';
    for (const [type, listener] of Object.entries(listeners)) window.addEventListener(type, listener as EventListener, { passive: true });
  });
  onScopeDispose(() => {
    root.style.overscrollBehaviorY = overscroll;
    for (const [type, listener] of Object.entries(listeners)) window.removeEventListener(type, listener as EventListener);
  });

  return { pull, armed, refreshing, refresh };
}
