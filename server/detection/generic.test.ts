import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { genericAlertEvent } from './generic';

function refusal(body: unknown): string {
  try {
    genericAlertEvent(body);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    return (err as ApiError).message;
  }
  throw new Error('expected a 400');
}

describe('genericAlertEvent', () => {
  it('reads a full trigger, links given as strings or objects', () => {
    const event = genericAlertEvent({
      summary: 'Nightly backup failed',
      severity: 'SEV-2',
      dedupKey: 'backup-nightly',
      action: 'trigger',
      details: { exitCode: 3, host: 'db-1' },
      links: ['https://ci.example.com/jobs/42', { href: 'https://runbooks.example.com/backup', text: 'Runbook' }],
    });
    expect(event).toEqual({
      action: 'trigger',
      dedupKey: 'backup-nightly',
      summary: 'Nightly backup failed',
      severity: 'SEV-2',
      source: 'generic',
      details: { exitCode: 3, host: 'db-1' },
      links: [
        { href: 'https://ci.example.com/jobs/42', text: null },
        { href: 'https://runbooks.example.com/backup', text: 'Runbook' },
      ],
      images: [],
      client: null,
      clientUrl: null,
      startedAt: null,
      groupKey: null,
    });
  });

  it('triggers by default with a new 32-hex dedup key and no severity', () => {
    const a = genericAlertEvent({ summary: 'Cron job late' });
    const b = genericAlertEvent({ summary: 'Cron job late' });
    expect(a).toMatchObject({ action: 'trigger', severity: null, details: {}, links: [] });
    expect(a.dedupKey).toMatch(/^[0-9a-f]{32}$/);
    expect(b.dedupKey).not.toBe(a.dedupKey);
  });

  it('resolves by dedup key without a summary', () => {
    expect(genericAlertEvent({ action: 'resolve', dedupKey: 'backup-nightly' })).toMatchObject({ action: 'resolve', dedupKey: 'backup-nightly' });
  });

  it('takes each PagerDuty word and SEV level', () => {
    for (const severity of ['critical', 'error', 'warning', 'info', 'SEV-1', 'SEV-2', 'SEV-3', 'SEV-4']) {
      expect(genericAlertEvent({ summary: 's', severity }).severity).toBe(severity);
    }
  });

  it.each([
    ['a body that is not an object', 'backup failed', 'invalid body: the body must be a JSON object'],
    ['a trigger without a summary', { severity: 'SEV-1' }, 'invalid body: summary: is required to trigger'],
    ['a blank summary', { summary: '   ' }, 'invalid body: summary: must not be blank'],
    ['a summary that is not text', { summary: 42 }, 'invalid body: summary: must be a string'],
    ['a long summary', { summary: 'x'.repeat(1025) }, 'invalid body: summary: must be at most 1024 characters'],
    ['an unknown severity', { summary: 's', severity: 'urgent' }, 'invalid body: severity: must be one of SEV-1, SEV-2, SEV-3, SEV-4, critical, error, warning, info'],
    ['an unknown action', { summary: 's', action: 'acknowledge' }, 'invalid body: action: must be "trigger" or "resolve"'],
    ['a resolve without a dedup key', { action: 'resolve' }, 'invalid body: dedupKey: is required to resolve'],
    ['a long dedup key', { summary: 's', dedupKey: 'k'.repeat(256) }, 'invalid body: dedupKey: must be at most 255 characters'],
    ['details that are not an object', { summary: 's', details: 'exit 3' }, 'invalid body: details: must be an object'],
    ['a NUL in details', { summary: 's', details: { log: ['ok', 'a\u0000b'] } }, 'invalid body: details.log[1]: must not contain control characters other than tab and line breaks'],
    ['an escape in the summary', { summary: '\u001b[31mred' }, 'invalid body: summary: must be valid Unicode without control characters other than tab and line breaks'],
    ['links that are not an array', { summary: 's', links: 'https://x.example.com' }, 'invalid body: links: must be an array'],
    ['a javascript: link', { summary: 's', links: ['javascript:alert(1)'] }, 'invalid body: links[0]: must be an http(s) URL'],
    ['a link that is neither', { summary: 's', links: [42] }, 'invalid body: links[0]: must be an http(s) URL or {href, text?}'],
    ['a javascript: href', { summary: 's', links: [{ href: 'javascript:alert(1)' }] }, 'invalid body: links[0].href: must be an http(s) URL'],
  ])('refuses %s with a 400 saying what is wrong', (_, body, message) => {
    expect(refusal(body)).toBe(message);
  });
});
