import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pageMessageFixture } from './page-message.fixture';
import { pageWebhookRequest, signBody } from './webhook';

const now = new Date('2026-03-01T02:13:05.900Z');
const timestamp = 1772331185; // now, in whole seconds

describe('pageWebhookRequest', () => {
  it('POSTs the page as JSON, signed over "<timestamp>.<body>" when a secret is set', () => {
    const request = pageWebhookRequest({ url: 'https://automation.example.com/muster', secret: 's3cret' }, pageMessageFixture(), now);
    expect(request.url).toBe('https://automation.example.com/muster');
    expect(JSON.parse(request.body)).toEqual({
      type: 'page',
      incident: { id: 'inc_7f3a', number: 42, title: 'Card payments fail', severity: 'SEV-1', service: 'Checkout', url: 'https://muster.example.com/incidents/inc_7f3a', drill: false },
      acknowledgeUrl: 'https://muster.example.com/page/ack',
      ackToken: 'v1.eyJpIjoiaW5jXzdmM2EifQ.c2lnbmF0dXJl',
      sentAt: '2026-03-01T02:13:00.000Z',
    });
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'User-Agent': 'Muster',
      'X-Muster-Timestamp': String(timestamp),
      'X-Muster-Signature': `sha256=${expected}`,
    });
  });

  it('sends no signature without a secret', () => {
    const { headers } = pageWebhookRequest({ url: 'https://automation.example.com/muster', secret: null }, pageMessageFixture({ drill: true }), now);
    expect(headers).toEqual({ 'Content-Type': 'application/json', 'User-Agent': 'Muster', 'X-Muster-Timestamp': String(timestamp) });
  });
});

describe('signBody', () => {
  it('changes with the timestamp, so a captured request cannot be replayed with a new one', () => {
    const body = '{"type":"page"}';
    expect(signBody('k', 1, body)).toBe(`sha256=${createHmac('sha256', 'k').update(`1.${body}`).digest('hex')}`);
    expect(signBody('k', 2, body)).not.toBe(signBody('k', 1, body));
    expect(signBody('other', 1, body)).not.toBe(signBody('k', 1, body));
  });
});
