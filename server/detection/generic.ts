import { z } from 'zod';
import { badTextInJson } from '../../shared/api/text';
import { alertSeverities } from '../../shared/domain/alert-severity';
import { severities } from '../../shared/domain/severity';
import { isWebUrl, type AlertEvent } from './alert-event';
import { parseOrRefuse } from './alertmanager';
import { newDedupKey } from './events-api';

/*
 * The generic webhook, for scripts and cron jobs that cannot speak a monitoring tool's format:
 * `{summary, severity?, dedupKey?, action?, details?, links?}`. Stricter than the tools' payloads, since a
 * person writes it: anything wrong is refused with a 400 that says what, as the REST API does.
 */

const text = (max: number) =>
  z
    .string({ message: 'must be a string' })
    .max(max, `must be at most ${max} characters`)
    .refine((value) => badTextInJson(value) === null, 'must be valid Unicode without control characters other than tab and line breaks');

const webUrl = z.string({ message: 'must be a string' }).refine(isWebUrl, 'must be an http(s) URL');

const link = z.union([webUrl, z.object({ href: webUrl, text: text(1024).nullish() }, { message: 'must be a URL or {href, text}' })], {
  message: 'must be an http(s) URL or {href, text?}',
});

export const genericEvent = z
  .object(
    {
      summary: text(1024).refine((value) => value.trim() !== '', 'must not be blank').nullish(),
      severity: z.enum([...severities, ...alertSeverities], { message: `must be one of ${[...severities, ...alertSeverities].join(', ')}` }).nullish(),
      dedupKey: text(255)
        .refine((value) => value.trim() !== '', 'must not be blank')
        .nullish(),
      action: z.enum(['trigger', 'resolve'], { message: 'must be "trigger" or "resolve"' }).default('trigger'),
      details: z
        .record(z.string(), z.unknown(), { message: 'must be an object' })
        .superRefine((value, ctx) => {
          const [, where = '', what = ''] = /^(.*?) ?(must .*)$/.exec(badTextInJson(value) ?? '') ?? [];
          if (what) ctx.addIssue({ code: 'custom', path: where ? [where] : [], message: what });
        })
        .nullish(),
      links: z.array(link, { message: 'must be an array' }).max(50, 'must have at most 50 entries').nullish(),
    },
    { message: 'the body must be a JSON object' },
  )
  .superRefine((event, ctx) => {
    if (event.action === 'trigger' && !event.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: 'is required to trigger' });
    if (event.action === 'resolve' && !event.dedupKey) ctx.addIssue({ code: 'custom', path: ['dedupKey'], message: 'is required to resolve' });
  });

export type GenericEvent = z.infer<typeof genericEvent>;

/** The event a script sent; a trigger without a dedup key gets a new one, which the answer tells it. */
export function genericAlertEvent(body: unknown): AlertEvent {
  const event = parseOrRefuse(genericEvent, body);
  return {
    action: event.action,
    dedupKey: event.dedupKey ?? newDedupKey(),
    summary: event.summary ?? '',
    severity: event.severity ?? null,
    source: 'generic',
    details: event.details ?? {},
    links: (event.links ?? []).map((link) => (typeof link === 'string' ? { href: link, text: null } : { href: link.href, text: link.text ?? null })),
    images: [],
    client: null,
    clientUrl: null,
    startedAt: null,
    groupKey: null,
  };
}
