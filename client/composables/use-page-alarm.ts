import { onScopeDispose, ref, watch } from 'vue';
import type { PagePayload } from '../../shared/api/push';
import { broadcastChannelName } from '../offline/outbox';
import type { PageChannelMessage } from '../sw/messages';
import { useIncidentsStore } from '../stores/incidents';
import { startAlarmSound, stopAlarmSound } from './alarm-sound';

/**
 * While the app is open, a page from the service worker sounds a siren and shows a flashing
 * banner until someone acknowledges (here, from the notification, or on another phone) or
 * the responder silences it. Call once, from the app's root component.
 */
export function usePageAlarm() {
  const alarm = ref<PagePayload | null>(null);
  const incidents = useIncidentsStore();

  function silence(): void {
    stopAlarmSound();
    alarm.value = null;
  }

  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(broadcastChannelName);
  channel?.addEventListener('message', (event: MessageEvent<PageChannelMessage | { type?: string }>) => {
    const message = event.data as PageChannelMessage;
    if (message.type === 'page') {
      alarm.value = message.payload;
      startAlarmSound();
    } else if (message.type === 'page-acknowledged' && message.incidentId === alarm.value?.incidentId) {
      silence();
    }
  });

  // Acknowledged or resolved in the app, or by someone else (live updates refresh the store).
  watch(
    () => {
      const id = alarm.value?.incidentId;
      if (!id) return null;
      return (incidents.current?.id === id ? incidents.current : incidents.open.find((incident) => incident.id === id))?.status ?? null;
    },
    (status) => {
      if (status && status !== 'triggered') silence();
    },
  );

  onScopeDispose(() => {
    channel?.close();
    stopAlarmSound();
  });

  return { alarm, silence };
}
