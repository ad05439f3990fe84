import { onScopeDispose } from 'vue';
import type { Router } from 'vue-router';
import type { NavigateMessage } from '../sw/messages';

/** A tap on a notification while the app is open shows that incident here, keeping the app's state. */
export function useWorkerNavigation(router: Router): void {
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!container) return;
  const onMessage = (event: MessageEvent<NavigateMessage | { type?: string } | null>) => {
    const message = event.data;
    if (message?.type === 'navigate' && typeof (message as NavigateMessage).path === 'string') {
      void router.push((message as NavigateMessage).path);
    }
  };
  container.addEventListener('message', onMessage);
  onScopeDispose(() => container.removeEventListener('message', onMessage));
}
