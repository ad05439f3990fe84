import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { alertTime, alertmanagerEvents, labelsKey, labelsTitle } from './alertmanager';

/** An Alertmanager notification (webhook payload version 4) as 0.25 sends it. */
function notification(alerts: unknown[], overrides: Record<string, unknown> = {}) {
  return {
    version: '4',
    groupKey: '{}/{team="web"}:{alertname="HighLatency"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'muster',
    groupLabels: { alertname: 'HighLatency' },
    commonLabels: { alertname: 'HighLatency', team: 'web' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com:9093',
    alerts,
    ...overrides,
  };
}

const firing = {
  status: 'firing',
  labels: { alertname: 'HighLatency', instance: 'web-1', job: 'api', severity: 'critical', team: 'web' },
  annotations: { summary: 'p99 latency above 2 s on web-1', description: 'Checkout is slow', runbook_url: 'https://runbooks.example.com/latency' },
  startsAt: '2026-03-02T02:55:00.123456789Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=latency',
  fingerprint: 'a1b2c3d4e5f60718',
};

/** The 400 a function throws, as the API answers it. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    return (err as ApiError).message;
  }
  throw new Error('expected a 400');
}

describe('alertmanagerEvents', () => {
  it('turns each alert into an event keyed by its fingerprint and grouped by the notification', () => {
    const [event] = alertmanagerEvents(notification([firing]));
    expect(event).toEqual({
      action: 'trigger',
      dedupKey: 'a1b2c3d4e5f60718',
      summary: 'p99 latency above 2 s on web-1',
      severity: 'critical',
      source: 'alertmanager',
      details: { labels: firing.labels, annotations: firing.annotations },
      links: [{ href: firing.generatorURL, text: 'Source' }],
      images: [],
      client: null,
      clientUrl: 'http://alertmanager.example.com:9093',
      startedAt: new Date('2026-03-02T02:55:00.123Z'),
      groupKey: 'alertmanager:{}/{team="web"}:{alertname="HighLatency"}',
    });
  });

  it('resolves resolved alerts, after every firing one of the notification', () => {
    const gone = { ...firing, status: 'resolved', endsAt: '2026-03-02T03:10:00Z' };
    const events = alertmanagerEvents(notification([gone, { ...firing, fingerprint: 'b' }, { ...gone, fingerprint: 'c' }, { ...firing, fingerprint: 'd' }]));
    expect(events.map((event) => [event.action, event.dedupKey])).toEqual([
      ['trigger', 'b'],
      ['trigger', 'd'],
      ['resolve', 'a1b2c3d4e5f60718'],
      ['resolve', 'c'],
    ]);
  });

  it('takes the title from the summary, else the description, else the labels', () => {
    const titles = alertmanagerEvents(
      notification([
        { ...firing, annotations: { description: 'Checkout is slow' } },
        { ...firing, annotations: { summary: ' ', description: 'Checkout is slow' } },
        { ...firing, annotations: {} },
        { status: 'firing', labels: {} },
      ]),
    ).map((event) => event.summary);
    expect(titles).toEqual(['Checkout is slow', 'Checkout is slow', 'HighLatency instance=web-1 job=api severity=critical team=web', 'Alert']);
  });

  it('keeps only http(s) links, and no zero or unreadable start time', () => {
    const [script, empty] = alertmanagerEvents(
      notification([
        { ...firing, generatorURL: 'javascript:alert(1)', startsAt: '0001-01-01T00:00:00Z' },
        { ...firing, generatorURL: '', startsAt: 'soon' },
      ], { externalURL: 'javascript:alert(1)' }),
    );
    expect([script.links, script.startedAt, script.clientUrl]).toEqual([[], null, null]);
    expect([empty.links, empty.startedAt]).toEqual([[], null]);
  });

  it('has no severity and no group when the alert and notification say none', () => {
    const [event] = alertmanagerEvents(notification([{ ...firing, labels: { alertname: 'Up' } }], { groupKey: undefined }));
    expect([event.severity, event.groupKey]).toEqual([null, null]);
  });

  it('keys an alert without a fingerprint by its labels, in any order', () => {
    const [a, b, c] = alertmanagerEvents(
      notification([
        { status: 'firing', labels: { alertname: 'Up', instance: 'a' } },
        { status: 'firing', labels: { instance: 'a', alertname: 'Up' }, fingerprint: '' },
        { status: 'firing', labels: { alertname: 'Up', instance: 'b' } },
      ]),
    );
    expect(a.dedupKey).toMatch(/^[0-9a-f]{32}$/);
    expect(b.dedupKey).toBe(a.dedupKey);
    expect(c.dedupKey).not.toBe(a.dedupKey);
  });

  it('accepts any version and ignores fields it does not use', () => {
    expect(alertmanagerEvents(notification([], { version: '5', receiver: 42, newField: { x: 1 } }))).toEqual([]);
  });

  it.each([
    ['a body that is not an object', [], 'invalid body: the body must be a JSON object'],
    ['no alerts array', notification([], { alerts: { 0: firing } }), 'invalid body: alerts: must be an array'],
    ['an alert that is not an object', notification(['firing']), 'invalid body: alerts[0]: must be an object'],
    ['an unknown status', notification([{ ...firing, status: 'pending' }]), 'invalid body: alerts[0].status: must be "firing" or "resolved"'],
    ['a label that is not a string', notification([firing, { ...firing, labels: { replicas: 3 } }]), 'invalid body: alerts[1].labels.replicas: must be a string'],
    ['a NUL in a label', notification([{ ...firing, labels: { job: 'a\u0000b' } }]), 'invalid body: alerts[0].labels.job: must not contain control characters other than tab and line breaks'],
    ['an escape in an annotation', notification([{ ...firing, annotations: { summary: '\u001b[31mred' } }]), 'invalid body: alerts[0].annotations.summary: must not contain control characters other than tab and line breaks'],
    ['a lone surrogate in the group key', notification([firing], { groupKey: '\ud800' }), 'invalid body: groupKey: must be valid Unicode (it has a lone surrogate)'],
  ])('refuses %s with a 400 naming the field', (_, body, message) => {
    expect(refusal(() => alertmanagerEvents(body))).toBe(message);
  });
});

describe('alert helpers', () => {
  it('labelsTitle puts the alert name first and the rest in name order', () => {
    expect(labelsTitle({ job: 'api', alertname: 'Down', instance: 'web-1' })).toBe('Down instance=web-1 job=api');
    expect(labelsTitle({ job: 'api' })).toBe('job=api');
  });

  it('labelsKey depends on the labels only', () => {
    expect(labelsKey({ a: '1', b: '2' })).toBe(labelsKey({ b: '2', a: '1' }));
    expect(labelsKey({ a: '1', b: '2' })).not.toBe(labelsKey({ a: '1', b: '3' }));
    // A value with the separator in it must not collide with two labels.
    expect(labelsKey({ a: '1,b=2' })).not.toBe(labelsKey({ a: '1', b: '2' }));
  });

  it('alertTime reads RFC 3339 with nanoseconds and offsets, and treats Go’s zero time as none', () => {
    expect(alertTime('2021-10-12T09:51:03.157076+02:00')).toEqual(new Date('2021-10-12T07:51:03.157Z'));
    expect(alertTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(alertTime('')).toBeNull();
    expect(alertTime(undefined)).toBeNull();
  });
});
