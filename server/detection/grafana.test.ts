import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { grafanaEvents } from './grafana';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/grafana/${name}.json`, import.meta.url), 'utf8'));

describe('grafanaEvents', () => {
  it('reads Grafana’s firing notification: its links, screenshot and query values', () => {
    const body = fixture('firing');
    const [memory, cpu] = grafanaEvents(body);
    expect(memory).toEqual({
      action: 'trigger',
      dedupKey: '7d3f0c1a9b2e4d58',
      summary: 'High memory usage in zone eu-1',
      severity: 'critical',
      source: 'grafana',
      details: {
        labels: body.alerts[0].labels,
        annotations: body.alerts[0].annotations,
        values: { B: 91.23943737541908, C: 1 },
        valueString: body.alerts[0].valueString,
      },
      links: [
        { href: body.alerts[0].generatorURL, text: 'Source' },
        { href: 'https://grafana.example.com/d/payments-nodes?orgId=1', text: 'Dashboard' },
        { href: 'https://grafana.example.com/d/payments-nodes?orgId=1&viewPanel=4', text: 'Panel' },
        { href: body.alerts[0].silenceURL, text: 'Silence' },
      ],
      images: [
        {
          src: 'https://grafana.example.com/public/img/attachments/memory-eu1.png',
          href: 'https://grafana.example.com/d/payments-nodes?orgId=1&viewPanel=4',
          alt: 'High memory usage in zone eu-1',
        },
      ],
      client: null,
      clientUrl: 'https://grafana.example.com/',
      startedAt: new Date('2026-03-02T02:51:03.157Z'),
      groupKey: `grafana:${body.groupKey}`,
    });
    // Grafana sends "" for a rule with no dashboard: no link, no image.
    expect(cpu).toMatchObject({ dedupKey: 'c0ffee15deadbeef', summary: 'CPU usage on the payments nodes in us-1 is above 85 %', severity: null, images: [] });
    expect(cpu.links.map((link) => link.text)).toEqual(['Source', 'Silence']);
  });

  it('resolves every alert of Grafana’s resolved notification', () => {
    expect(grafanaEvents(fixture('resolved')).map((event) => [event.action, event.dedupKey])).toEqual([
      ['resolve', '7d3f0c1a9b2e4d58'],
      ['resolve', 'c0ffee15deadbeef'],
    ]);
  });

  it('keeps no javascript: dashboard, panel, silence or image link', () => {
    const body = fixture('firing');
    const bad = 'javascript:alert(document.cookie)';
    Object.assign(body.alerts[0], { generatorURL: bad, dashboardURL: bad, panelURL: bad, silenceURL: bad, imageURL: bad });
    const [event] = grafanaEvents(body);
    expect([event.links, event.images]).toEqual([[], []]);
  });

  it('refuses values that are not an object, and control characters in the value string', () => {
    const notObject = fixture('firing');
    notObject.alerts[1].values = 87.5;
    expect(() => grafanaEvents(notObject)).toThrow(new ApiError(400, 'bad_request', 'invalid body: alerts[1].values: must be an object'));
    const escaped = fixture('firing');
    escaped.alerts[0].valueString = '\u001b[2J';
    expect(() => grafanaEvents(escaped)).toThrow('invalid body: alerts[0].valueString: must not contain control characters other than tab and line breaks');
  });
});
