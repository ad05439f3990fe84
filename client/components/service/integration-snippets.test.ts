import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { heartbeatSnippets, integrationSnippets, keyPlaceholder, shellQuote } from './integration-snippets';

const key = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
const byId = (publicUrl: string, integrationKey: string | null) =>
  Object.fromEntries(integrationSnippets({ publicUrl, integrationKey }).map((setup) => [setup.id, setup]));
const textOf = (setup: { snippets: Array<{ label: string; text: string }> }, label: string) =>
  setup.snippets.find((snippet) => snippet.label.includes(label))!.text;

describe('integration snippets', () => {
  it('gives Alertmanager a PagerDuty receiver pointed at /v2/enqueue and a webhook receiver that sends resolved alerts', () => {
    const { alertmanager } = byId('https://muster.example.com', key);
    expect(textOf(alertmanager, 'PagerDuty')).toBe(
      [
        'receivers:',
        '  - name: muster',
        '    pagerduty_configs:',
        `      - routing_key: ${key}`,
        '        url: https://muster.example.com/v2/enqueue',
        '        send_resolved: true',
      ].join('\n'),
    );
    expect(textOf(alertmanager, 'webhook')).toBe(
      [
        'receivers:',
        '  - name: muster',
        '    webhook_configs:',
        `      - url: https://muster.example.com/integrations/alertmanager/${key}`,
        '        send_resolved: true',
      ].join('\n'),
    );
  });

  it('gives Grafana, the Events API and scripts their URLs, without a doubled slash', () => {
    const setups = byId('https://muster.example.com/', key);
    expect(textOf(setups.grafana, 'URL')).toBe(`https://muster.example.com/integrations/grafana/${key}`);
    expect(textOf(setups['events-api'], 'Events URL')).toBe('https://muster.example.com/v2/enqueue');
    expect(textOf(setups['events-api'], 'Change events URL')).toBe('https://muster.example.com/v2/change/enqueue');
    expect(textOf(setups.generic, 'Trigger')).toContain(`'https://muster.example.com/integrations/generic/${key}'`);
  });

  it('shows the placeholder until the key has just been rotated', () => {
    const text = integrationSnippets({ publicUrl: 'https://muster.example.com', integrationKey: null })
      .flatMap((setup) => setup.snippets.map((snippet) => snippet.text))
      .join('\n');
    expect(text).toContain(`routing_key: ${keyPlaceholder}`);
    expect(text).toContain(`/integrations/grafana/${keyPlaceholder}`);
    expect(text).not.toMatch(/[A-Za-z0-9]{32}/);
  });

  it('builds curl commands whose body is the JSON the endpoint expects', () => {
    const curl = textOf(byId('https://muster.example.com', key)['events-api'], 'Try it');
    expect(curl.startsWith("curl -sS -X POST 'https://muster.example.com/v2/enqueue' \\\n")).toBe(true);
    const body = JSON.parse(curl.slice(curl.indexOf("-d '") + 4, -1));
    expect(body).toMatchObject({ routing_key: key, event_action: 'trigger', payload: { severity: 'critical' } });
    expect(body.payload.summary).toBeTruthy();
    expect(body.payload.source).toBeTruthy();

    const resolve = textOf(byId('https://muster.example.com', key).generic, 'Resolve');
    expect(JSON.parse(resolve.slice(resolve.indexOf("-d '") + 4, -1))).toMatchObject({ action: 'resolve', dedupKey: 'backup-nightly' });
  });

  it('quotes anything for the shell, quotes included', () => {
    const tricky = `it's $(rm -rf /) "quoted" \`x\``;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(tricky)}`]).toString()).toBe(tricky);
  });

  it('makes heartbeat ping URLs absolute and gives a line to append to the job', () => {
    const [ping, job] = heartbeatSnippets({ url: '/heartbeat/tok123' }, 'https://muster.example.com/');
    expect(ping.text).toBe('https://muster.example.com/heartbeat/tok123');
    expect(job.text).toBe("your-job && curl -fsS -m 10 --retry 3 'https://muster.example.com/heartbeat/tok123' > /dev/null");
    expect(heartbeatSnippets({ url: 'https://ping.example.org/heartbeat/x' }, 'https://muster.example.com')[0].text).toBe(
      'https://ping.example.org/heartbeat/x',
    );
  });
});
