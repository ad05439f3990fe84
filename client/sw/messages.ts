import type { PagePayload } from '../../shared/api/push';
import { broadcastChannelName } from '../offline/outbox';

/** A page arrived: an open app sounds the alarm and refreshes. */
export interface PageReceivedMessage {
  type: 'page';
  payload: PagePayload;
}

/** The page was acknowledged from its notification: an open app stops the alarm. */
export interface PageAcknowledgedMessage {
  type: 'page-acknowledged';
  incidentId: string;
}

export type PageChannelMessage = PageReceivedMessage | PageAcknowledgedMessage;

/** Posted to one window (`Client.postMessage`) when a notification tap should show a page in it. */
export interface NavigateMessage {
  type: 'navigate';
  path: string;
}

export function broadcast(message: PageChannelMessage): void {
  const channel = new BroadcastChannel(broadcastChannelName);
  channel.postMessage(message);
  channel.close();
}
