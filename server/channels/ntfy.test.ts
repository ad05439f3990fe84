import { describe, expect, it } from 'vitest';
import { ntfyPublishRequest } from './ntfy';
import { pageMessageFixture } from './page-message.fixture';

const decode = (header: string) =>
  Buffer.concat(header.split(' ').map((word) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(word)![1], 'base64'))).toString('utf8');
const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

describe('ntfyPublishRequest', () => {
  it('publishes the page to the topic with max priority, a click URL and an Acknowledge button', () => {
    const request = ntfyPublishRequest({ serverUrl: 'https://ntfy.example.com/', topic: 'muster-dana', accessToken: 'tk_abc123' }, pageMessageFixture());
    expect(request).toEqual({
      url: 'https://ntfy.example.com/muster-dana',
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        Title: encoded('SEV-1 · Checkout'),
        'X-Priority': '5',
        Tags: 'rotating_light',
        Click: 'https://muster.example.com/incidents/inc_7f3a',
        Actions:
          "http, Acknowledge, 'https://muster.example.com/page/ack', method=POST, headers.Content-Type=application/json, " +
          `body='{"token":"v1.eyJpIjoiaW5jXzdmM2EifQ.c2lnbmF0dXJl"}', clear=true`,
        Authorization: 'Bearer tk_abc123',
      },
      body: '#42 Card payments fail',
    });
  });

  it('marks a drill, tags lower severities as a warning and sends no Authorization without a token', () => {
    const { headers } = ntfyPublishRequest({ serverUrl: 'https://ntfy.sh', topic: 't' }, pageMessageFixture({ severity: 'SEV-3', drill: true }));
    expect(decode(headers.Title)).toBe('DRILL · SEV-3 · Checkout');
    expect(headers.Tags).toBe('warning');
    expect(headers).not.toHaveProperty('Authorization');
  });

  it('offers no Acknowledge button on a message without a page token (a test message)', () => {
    const { headers } = ntfyPublishRequest({ serverUrl: 'https://ntfy.sh', topic: 'muster' }, pageMessageFixture({ ackToken: '' }));
    expect(headers).not.toHaveProperty('Actions');
    expect(ntfyPublishRequest({ serverUrl: 'https://ntfy.sh', topic: 'muster' }, pageMessageFixture()).headers).toHaveProperty('Actions');
  });

  it('sends a title with any characters as ASCII that decodes back to it', () => {
    const { headers, body } = ntfyPublishRequest({ serverUrl: 'https://ntfy.sh', topic: 't' }, pageMessageFixture({ service: 'Café — Zahlung', title: 'Überweisungen "hängen"' }));
    expect(headers.Title).toMatch(/^[\x20-\x7e]+$/);
    expect(decode(headers.Title)).toBe('SEV-1 · Café — Zahlung');
    expect(body).toBe('#42 Überweisungen "hängen"');
  });

  it("escapes a quote in the acknowledge URL the way ntfy's action parser reads it", () => {
    const { headers } = ntfyPublishRequest({ serverUrl: 'https://ntfy.sh', topic: 't' }, pageMessageFixture({ acknowledgeUrl: "https://muster.example.com/ack?x=a,b;c'd" }));
    expect(headers.Actions).toContain(String.raw`'https://muster.example.com/ack?x=a,b;c\'d'`);
  });
});
