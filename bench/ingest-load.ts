// The load generator for bench/ingest.ts, in its own process so autocannon's event loop does not share a core
// with the server it measures. Started with fork(); takes one IngestLoad over IPC, answers one IngestLoadResult.
import autocannon from 'autocannon';

export interface IngestLoad {
  url: string;
  routingKey: string;
  /** Dedup keys of alerts already open: the repeats. */
  openKeys: string[];
  /** Every `newEvery`th event carries a dedup key never sent before (5: 20 % new, 80 % repeats). */
  newEvery: number;
  /** Makes this run's new keys unique across runs on one server. */
  runId: string;
  connections: number;
  durationSeconds: number;
}

export interface IngestLoadResult {
  durationSeconds: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Bodies built (a few more than answered: the last ones are in flight when the run stops). */
  built: { newKeys: number; repeats: number };
}

const severities = ['critical', 'error', 'warning', 'info'] as const;

async function run(load: IngestLoad): Promise<IngestLoadResult> {
  let sent = 0;
  const built = { newKeys: 0, repeats: 0 };
  const body = () => {
    const i = sent++;
    const isNew = i % load.newEvery === load.newEvery - 1;
    const dedupKey = isNew ? `${load.runId}-new-${i}` : load.openKeys[i % load.openKeys.length];
    if (isNew) built.newKeys++;
    else built.repeats++;
    return JSON.stringify({
      routing_key: load.routingKey,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `Disk usage high on ${dedupKey}`, source: 'bench-host-01', severity: severities[i % severities.length], custom_details: { used: '91%', mount: '/var' } },
    });
  };
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.durationSeconds,
    requests: [
      {
        method: 'POST',
        path: '/v2/enqueue',
        headers: { 'Content-Type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats?.count ?? 0;
  return {
    durationSeconds: result.duration,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    built,
  };
}

process.once('message', (load: IngestLoad) => {
  run(load).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (err: Error) => process.send!({ error: err.stack ?? String(err) }, () => process.exit(1)),
  );
});
