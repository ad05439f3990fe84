import { describe, expect, it } from 'vitest';
import type { PagePayload } from '../../shared/api/push';
import { encodePushPayload, maxPayloadBytes, urgencyFor } from './page-payload';

const page: PagePayload = {
  type: 'page',
  incidentId: '0195a3c4-7e1f-7b2a-9c3d-4e5f6a7b8c9d',
  number: 4211,
  title: 'Checkout latency over 2 s',
  severity: 'SEV-1',
  service: 'checkout-api',
  drill: false,
  ackToken: 'v1.' + 'x'.repeat(120),
  url: 'https://muster.example.com/incidents/0195a3c4-7e1f-7b2a-9c3d-4e5f6a7b8c9d',
};

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('encodePushPayload', () => {
  it('keeps a payload that fits exactly as it is', () => {
    expect(JSON.parse(encodePushPayload(page))).toEqual(page);
  });

  it.each([
    ['ASCII', 'a'],
    ['two-byte', 'é'],
    ['three-byte', '界'],
    ['four-byte emoji', '🔥'],
    ['family emoji (one character of 11 code units)', '👨‍👩‍👧‍👦'],
    ['quotes that JSON escapes', '"'],
    ['control characters that JSON escapes', '\u0001'],
  ])('shortens a 4 KB %s title to whole characters that fit', (_, unit) => {
    const title = unit.repeat(Math.ceil(4096 / bytes(unit)));
    const json = encodePushPayload({ ...page, title });
    const decoded = JSON.parse(json) as PagePayload;

    expect(bytes(json)).toBeLessThanOrEqual(maxPayloadBytes);
    expect(bytes(json)).toBeGreaterThan(maxPayloadBytes - bytes(JSON.stringify(unit)) - 3); // nearly full
    expect(decoded.title.endsWith('…')).toBe(true);
    expect(title.startsWith(decoded.title.slice(0, -1))).toBe(true);
    expect((decoded.title.length - 1) % unit.length).toBe(0); // never half a character
    expect({ ...decoded, title: page.title }).toEqual(page); // everything else untouched
  });

  it('shortens the title of a test notification too', () => {
    const json = encodePushPayload({ type: 'test', title: 'x'.repeat(5000), url: page.url, sentAt: '2026-03-02T03:00:00.000Z' });
    expect(bytes(json)).toBeLessThanOrEqual(maxPayloadBytes);
    expect(JSON.parse(json)).toMatchObject({ type: 'test', url: page.url });
  });

  it('refuses rather than cut the token when the other fields alone are too big', () => {
    expect(() => encodePushPayload({ ...page, ackToken: 'x'.repeat(4000) })).toThrow(/even without a title/);
  });
});

describe('urgencyFor', () => {
  it('wakes the phone for SEV-1 and SEV-2 only', () => {
    expect((['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'] as const).map(urgencyFor)).toEqual(['high', 'high', 'normal', 'normal']);
  });
});
