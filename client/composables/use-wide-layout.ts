import { onScopeDispose, ref, type Ref } from 'vue';

/**
 * Whether the window is laptop-wide (≥ 1024 px), following resizes. Tables and card lists differ in markup,
 * not only in style, so CSS alone cannot switch between them. Narrow where the browser cannot tell.
 */
export function useWideLayout(): Ref<boolean> {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 1024px)') : null;
  const wide = ref(query?.matches ?? false);
  const follow = (event: MediaQueryListEvent) => (wide.value = event.matches);
  query?.addEventListener('change', follow);
  onScopeDispose(() => query?.removeEventListener('change', follow));
  return wide;
}
