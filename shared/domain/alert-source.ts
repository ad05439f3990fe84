/**
 * Where an alert came from: the integration endpoint that received it. Kept free of zod (as all of
 * shared/domain is) so the app can import the names without the API schemas.
 */
export const alertSources = ['events_api', 'alertmanager', 'grafana', 'generic', 'heartbeat'] as const;
export type AlertSource = (typeof alertSources)[number];

/** How the app and the timeline name each source. */
export const alertSourceNames: Record<AlertSource, string> = {
  events_api: 'Events API',
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  generic: 'Webhook',
  heartbeat: 'Heartbeat monitor',
};
