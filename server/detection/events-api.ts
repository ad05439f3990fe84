import { z } from 'zod';
import { alertSeverities } from '../../shared/domain/alert-severity';
import { badTextInJson } from '../../shared/api/text';
import { isWebUrl, type AlertEvent } from './alert-event';

/*
 * PagerDuty's Events API v2, as its documentation gives it: a tool that lets you set the PagerDuty URL pages
 * through Muster unchanged. Unknown fields are ignored, as PagerDuty does.
 */

const maxText = (name: string, max: number) =>
  z
    .string({ message: `'${name}' must be a string` })
    .max(max, `'${name}' must be at most ${max} characters`)
    .refine((text) => badTextInJson(text) === null, `'${name}' must be valid Unicode without control characters other than tab and line breaks`);

const optionalText = (name: string, max = 1024) => maxText(name, max).nullish();
const details = (name: string) =>
  z.unknown().superRefine((value, ctx) => {
    const problem = badTextInJson(value, name);
    if (problem) ctx.addIssue({ code: 'custom', message: `'${problem.replace(/ (must .*)$/, "' $1")}` });
  }).optional();
const webUrl = (name: string) => z.string({ message: `'${name}' must be a string` }).refine(isWebUrl, `'${name}' must be an http(s) URL`);

const links = z
  .array(z.object({ href: webUrl('links[].href'), text: optionalText('links[].text') }), { message: "'links' must be an array" })
  .max(50, "'links' must have at most 50 entries")
  .nullish();

const images = z
  .array(z.object({ src: webUrl('images[].src'), href: webUrl('images[].href').nullish(), alt: optionalText('images[].alt') }), {
    message: "'images' must be an array",
  })
  .max(50, "'images' must have at most 50 entries")
  .nullish();

const routingKey = z.string({ message: "'routing_key' is missing or blank" }).length(32, "'routing_key' must be 32 characters");

const triggerPayload = z.object(
  {
    summary: maxText('payload.summary', 1024).refine((text) => text.trim() !== '', "'payload.summary' is missing or blank"),
    source: maxText('payload.source', 1024).refine((text) => text.trim() !== '', "'payload.source' is missing or blank"),
    severity: z.enum(alertSeverities, { message: "'payload.severity' must be one of critical, error, warning, info" }),
    timestamp: z.iso.datetime({ offset: true, message: "'payload.timestamp' must be an ISO 8601 date-time" }).nullish(),
    component: optionalText('payload.component'),
    group: optionalText('payload.group'),
    class: optionalText('payload.class'),
    custom_details: details('payload.custom_details'),
  },
  { message: "'payload' is missing or not an object" },
);

export const enqueueEvent = z
  .object({
    routing_key: routingKey,
    event_action: z.enum(['trigger', 'acknowledge', 'resolve'], { message: "'event_action' must be one of trigger, acknowledge, resolve" }),
    dedup_key: maxText('dedup_key', 255).refine((key) => key.trim() !== '', "'dedup_key' must not be blank").nullish(),
    payload: z.unknown().optional(),
    client: optionalText('client'),
    client_url: webUrl('client_url').nullish(),
    links,
    images,
  })
  // A trigger's payload is read here, once; acknowledge and resolve carry none that matters.
  .transform((event, ctx) => {
    if (event.event_action !== 'trigger') {
      if (event.dedup_key) return { ...event, payload: null };
      ctx.addIssue({ code: 'custom', message: `'dedup_key' is required to ${event.event_action}` });
      return z.NEVER;
    }
    const payload = triggerPayload.safeParse(event.payload);
    if (payload.success) return { ...event, payload: payload.data };
    for (const issue of payload.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });

export const changeEvent = z.object({
  routing_key: routingKey,
  payload: z.object(
    {
      summary: maxText('payload.summary', 1024).refine((text) => text.trim() !== '', "'payload.summary' is missing or blank"),
      source: optionalText('payload.source'),
      timestamp: z.iso.datetime({ offset: true, message: "'payload.timestamp' must be an ISO 8601 date-time" }).nullish(),
      custom_details: details('payload.custom_details'),
    },
    { message: "'payload' is missing or not an object" },
  ),
  links,
});

export type EnqueueEvent = z.output<typeof enqueueEvent>;

/** Every problem with an event, one message each, in PagerDuty's wording. */
export function eventErrors(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => (issue.message.startsWith("'") ? issue.message : `'${issue.path.join('.')}' ${issue.message}`)))];
}

/** A dedup key for a trigger sent without one: 32 hex characters, like PagerDuty's. */
export const newDedupKey = () => crypto.randomUUID().replaceAll('-', '');

export function alertEventFrom(event: EnqueueEvent, dedupKey: string): AlertEvent {
  const { payload } = event;
  const details: Record<string, unknown> = {};
  if (payload) {
    for (const field of ['source', 'component', 'group', 'class'] as const) if (payload[field]) details[field] = payload[field];
    if (payload.custom_details !== undefined && payload.custom_details !== null) details.custom_details = payload.custom_details;
  }
  return {
    action: event.event_action,
    dedupKey,
    summary: payload?.summary ?? '',
    severity: payload?.severity ?? null,
    source: 'events_api',
    details,
    links: (event.links ?? []).map((link) => ({ href: link.href, text: link.text ?? null })),
    images: (event.images ?? []).map((image) => ({ src: image.src, href: image.href ?? null, alt: image.alt ?? null })),
    client: event.client ?? null,
    clientUrl: event.client_url ?? null,
    startedAt: payload?.timestamp ? new Date(payload.timestamp) : null,
    groupKey: null,
  };
}
