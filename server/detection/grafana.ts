import { z } from 'zod';
import type { AlertImage } from '../../shared/api/detection';
import { isWebUrl, type AlertEvent } from './alert-event';
import { alertEventFromAlertmanager, alertmanagerAlert, notificationEvents, optionalText, webLink, type AlertmanagerPayload } from './alertmanager';

/*
 * Grafana's webhook contact point: Alertmanager's payload plus Grafana's own links (dashboard, panel, silence,
 * a screenshot) and the query values that fired. The notification-wide `title`, `message` and `state` are
 * Grafana's rendering of the whole group, so each alert is read from its own fields, as for Alertmanager.
 */

export const grafanaAlert = alertmanagerAlert.extend({
  dashboardURL: optionalText(),
  panelURL: optionalText(),
  silenceURL: optionalText(),
  imageURL: optionalText(),
  values: z.record(z.string(), z.unknown(), { message: 'must be an object' }).nullish(),
  valueString: optionalText(),
});

export type GrafanaAlert = z.infer<typeof grafanaAlert>;

function grafanaEvent(alert: GrafanaAlert, payload: AlertmanagerPayload): AlertEvent {
  const event = alertEventFromAlertmanager(alert, payload, 'grafana');
  const details: Record<string, unknown> = { ...event.details };
  if (alert.values) details.values = alert.values;
  if (alert.valueString) details.valueString = alert.valueString;
  // The screenshot is of the rule's panel: tapping it opens that panel.
  const images: AlertImage[] = isWebUrl(alert.imageURL)
    ? [{ src: alert.imageURL, href: isWebUrl(alert.panelURL) ? alert.panelURL : null, alt: event.summary.slice(0, 200) }]
    : [];
  const links = [...webLink(alert.dashboardURL, 'Dashboard'), ...webLink(alert.panelURL, 'Panel'), ...webLink(alert.silenceURL, 'Silence')];
  return { ...event, details, links: [...event.links, ...links], images };
}

/** Every alert of a Grafana notification as events, firing before resolved; throws a 400 on a wrong shape. */
export const grafanaEvents = (body: unknown): AlertEvent[] => notificationEvents(body, grafanaAlert, grafanaEvent);
