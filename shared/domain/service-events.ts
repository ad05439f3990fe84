// Zod-free, so the app can import these without pulling zod (and its eval probe, which the CSP forbids) in.

/** What a service's outgoing webhooks can be told about its incidents. */
export const serviceEventTypes = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.escalated',
  'incident.resolved',
  'incident.note_added',
  'incident.severity_changed',
] as const;
export type ServiceEventType = (typeof serviceEventTypes)[number];

/** Each is called for every event of every incident of its service: a handful is what chat-ops needs. */
export const maxWebhooksPerService = 10;
