import type { Heartbeat } from '../../../shared/api/detection';

/** Stands in for the key in every snippet until an admin rotates it: the server never shows a key twice. */
export const keyPlaceholder = '<integration key>';

export interface Snippet {
  label: string;
  text: string;
}

export interface IntegrationSetup {
  id: 'alertmanager' | 'grafana' | 'events-api' | 'generic';
  title: string;
  /** One sentence: where in the tool this goes. */
  hint: string;
  snippets: Snippet[];
}

export interface SnippetInput {
  /** Where monitoring tools reach Muster, e.g. `https://muster.example.com`. */
  publicUrl: string;
  /** Only right after a rotation; the placeholder otherwise. */
  integrationKey: string | null;
}

/** One shell word, whatever it holds: a URL or a JSON body pasted into a terminal must not be reinterpreted. */
export const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

const baseOf = (publicUrl: string) => publicUrl.trim().replace(/\/+$/, '');

function curlPost(url: string, body: unknown): string {
  return [`curl -sS -X POST ${shellQuote(url)} \\`, `  -H 'Content-Type: application/json' \\`, `  -d ${shellQuote(JSON.stringify(body, null, 2))}`].join('\n');
}

/** Ready-to-paste configuration for each integration, pointing at this Muster with this service's key. */
export function integrationSnippets({ publicUrl, integrationKey }: SnippetInput): IntegrationSetup[] {
  const base = baseOf(publicUrl);
  const key = integrationKey ?? keyPlaceholder;
  const enqueueUrl = `${base}/v2/enqueue`;
  return [
    {
      id: 'alertmanager',
      title: 'Prometheus Alertmanager',
      hint: 'Add one receiver to alertmanager.yml and route alerts to it. Either block works; the PagerDuty one needs no plugin.',
      snippets: [
        {
          label: 'alertmanager.yml — PagerDuty receiver',
          text: [
            'receivers:',
            '  - name: muster',
            '    pagerduty_configs:',
            `      - routing_key: ${key}`,
            `        url: ${enqueueUrl}`,
            '        send_resolved: true',
          ].join('\n'),
        },
        {
          label: 'alertmanager.yml — webhook receiver',
          text: [
            'receivers:',
            '  - name: muster',
            '    webhook_configs:',
            `      - url: ${base}/integrations/alertmanager/${key}`,
            '        send_resolved: true',
          ].join('\n'),
        },
      ],
    },
    {
      id: 'grafana',
      title: 'Grafana',
      hint: 'Alerting › Contact points › Add contact point, integration “Webhook”, method POST, with this URL.',
      snippets: [{ label: 'Webhook URL', text: `${base}/integrations/grafana/${key}` }],
    },
    {
      id: 'events-api',
      title: 'Events API (PagerDuty v2)',
      hint: 'Any tool that speaks PagerDuty Events API v2: set its URL to this one and its routing key to the integration key.',
      snippets: [
        { label: 'Events URL', text: enqueueUrl },
        {
          label: 'Try it with curl',
          text: curlPost(enqueueUrl, {
            routing_key: key,
            event_action: 'trigger',
            dedup_key: 'disk-full-db-1',
            payload: { summary: 'Disk 95 % full on db-1', source: 'db-1', severity: 'critical' },
          }),
        },
        { label: 'Change events URL (deploys)', text: `${base}/v2/change/enqueue` },
        {
          label: 'Report a deploy with curl',
          text: curlPost(`${base}/v2/change/enqueue`, {
            routing_key: key,
            payload: { summary: 'Deployed checkout 2026.03.02-1', source: 'ci' },
          }),
        },
      ],
    },
    {
      id: 'generic',
      title: 'Scripts (generic webhook)',
      hint: 'For your own scripts: the same dedupKey with action “resolve” resolves the alert.',
      snippets: [
        {
          label: 'Trigger with curl',
          text: curlPost(`${base}/integrations/generic/${key}`, {
            summary: 'Nightly backup failed',
            severity: 'error',
            dedupKey: 'backup-nightly',
            details: { exitCode: 2 },
          }),
        },
        {
          label: 'Resolve with curl',
          text: curlPost(`${base}/integrations/generic/${key}`, { summary: 'Nightly backup failed', dedupKey: 'backup-nightly', action: 'resolve' }),
        },
      ],
    },
  ];
}

/** The ping URL, absolute even if the server gave a path, and a line to append to the job that pings it. */
export function heartbeatSnippets(heartbeat: Pick<Heartbeat, 'url'>, publicUrl: string): Snippet[] {
  const url = new URL(heartbeat.url, `${baseOf(publicUrl)}/`).href;
  return [
    { label: 'Ping URL (GET or POST)', text: url },
    { label: 'After your job', text: `your-job && curl -fsS -m 10 --retry 3 ${shellQuote(url)} > /dev/null` },
  ];
}
