import { drillPrefix } from '../../shared/domain/drills';
import { isUrgent } from '../../shared/domain/severity';
import type { ChannelOutcome, PageMessage } from './channel';
import { headerText } from './encoded-words';
import type { ChannelHttp, ChannelRequest } from './http-delivery';

export interface NtfyDestination {
  /** ntfy.sh or a self-hosted server, e.g. https://ntfy.example.com */
  serverUrl: string;
  topic: string;
  /** An ntfy access token (tk_…) for a topic that is not open to everyone. */
  accessToken?: string | null;
}

/**
 * Publishes the page the way ntfy's own clients do: the text as the body, the rest in headers.
 * - Priority 5 is ntfy's max: its Android app can be allowed to sound it through Do Not Disturb. Sent as
 *   `X-Priority` because `Priority` is also a standard HTTP header (RFC 9218) that proxies such as Cloudflare set
 *   on the way; ntfy then ignores it, and reads `X-Priority` first.
 * - The Acknowledge button POSTs the signed page token from the phone, with the app closed.
 */
export function ntfyPublishRequest({ serverUrl, topic, accessToken }: NtfyDestination, message: PageMessage): ChannelRequest {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    Title: `${drillPrefix(message.drill)}${message.severity} · ${message.service}`,
    'X-Priority': '5',
    Tags: isUrgent(message.severity) ? 'rotating_light' : 'warning',
    Click: message.incidentUrl,
    // A test message carries no page token: an Acknowledge button there would do nothing.
    ...(message.ackToken && { Actions: acknowledgeAction(message) }),
    ...(accessToken && { Authorization: `Bearer ${accessToken}` }),
  };
  for (const name of Object.keys(headers)) headers[name] = headerText(headers[name]);
  return {
    url: `${serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(topic)}`,
    headers,
    body: `#${message.number} ${message.title}`,
  };
}

export function sendNtfy(http: ChannelHttp, destination: NtfyDestination, message: PageMessage): Promise<ChannelOutcome> {
  return http.post('ntfy', ntfyPublishRequest(destination, message));
}

/**
 * An `http` action in ntfy's "simple" syntax (https://docs.ntfy.sh/publish/#action-buttons). Commas and
 * semicolons separate its parts, so the URL and the JSON body are quoted; ntfy reads \' inside single quotes
 * as a quote. `clear=true` removes the notification once acknowledged.
 */
function acknowledgeAction({ acknowledgeUrl, ackToken }: PageMessage): string {
  const body = JSON.stringify({ token: ackToken });
  return ['http', 'Acknowledge', quoted(acknowledgeUrl), 'method=POST', 'headers.Content-Type=application/json', `body=${quoted(body)}`, 'clear=true'].join(', ');
}

const quoted = (value: string) => `'${value.replaceAll("'", "\\'")}'`;
