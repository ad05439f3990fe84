import { drillMarker } from '../../shared/domain/drills';
import { isUrgent } from '../../shared/domain/severity';
import type { ChannelOutcome, PageMessage } from './channel';
import type { ChannelHttp, ChannelRequest } from './http-delivery';

export interface SlackDestination {
  /** A Slack, Mattermost or Rocket.Chat incoming webhook. */
  webhookUrl: string;
}

/** A drill's chat message starts with *DRILL* in bold, a real one's with nothing. */
export const slackDrillPrefix = (drill: boolean) => (drill ? `*${drillMarker}* · ` : '');

/**
 * Only `text`: Mattermost and Rocket.Chat read nothing else, and Slack shows it in full and in its notification.
 * Links use Slack's `<url|label>` form, which both others understand too.
 */
export function slackMessage(message: PageMessage): { text: string } {
  const { drill, severity, service, number, title, incidentUrl, acknowledgeUrl } = message;
  const headline = `${slackDrillPrefix(drill)}${isUrgent(severity) ? ':rotating_light:' : ':warning:'} *${severity}* · ${escapeSlack(service)}`;
  return { text: `${headline}\n<${incidentUrl}|#${number} ${escapeSlack(title)}> · <${acknowledgeUrl}|Acknowledge>` };
}

export function slackRequest({ webhookUrl }: SlackDestination, message: PageMessage): ChannelRequest {
  return { url: webhookUrl, headers: { 'Content-Type': 'application/json', 'User-Agent': 'Muster' }, body: JSON.stringify(slackMessage(message)) };
}

export function sendSlack(http: ChannelHttp, destination: SlackDestination, message: PageMessage): Promise<ChannelOutcome> {
  return http.post('chat webhook', slackRequest(destination, message));
}

/** Slack reads &, < and > as markup (a title "<!channel>" would notify everyone), so user text escapes them. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
