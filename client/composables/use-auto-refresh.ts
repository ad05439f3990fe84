import { onMounted, onScopeDispose } from 'vue';

/**
 * Reloads data on mount, whenever the app comes back to the foreground (a phone unlocked at
 * 3 a.m. must not show a stale status) and every `intervalMs` while visible.
 */
export function useAutoRefresh(refresh: () => unknown, intervalMs = 30_000): void {
  const whenVisible = () => {
    if (document.visibilityState === 'visible') refresh();
  };
  const timer = setInterval(whenVisible, intervalMs);
  onMounted(refresh);
  document.addEventListener('visibilitychange', whenVisible);
  onScopeDispose(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', whenVisible);
  });
}
