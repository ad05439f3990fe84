// POST /api/v1/incidents throughput and latency on each backend, at 1 and at 50 concurrent connections
// (Bearer token, a service without a policy: the request path only, no paging). Issue 8.
import autocannon from 'autocannon';
import { benchBackends, startBenchServer, startPushServiceProcess, writeResult } from './lib';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);

const push = await startPushServiceProcess();
try {
  for (const backend of benchBackends) {
    const muster = await startBenchServer(push, backend);
    try {
      const service = await muster.api<{ id: string }>('POST', '/services', { name: 'load' });
      const figures: Record<string, unknown> = {};
      for (const connections of [1, 50]) {
        const result = await autocannon({
          url: `${muster.url}/api/v1/incidents`,
          method: 'POST',
          connections,
          duration: durationSeconds,
          headers: { Authorization: `Bearer ${muster.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ serviceId: service.id, title: 'load test', severity: 'SEV-3' }),
        });
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors at ${connections} connections`);
        figures[`connections${connections}`] = {
          requestsPerSecond: Math.round(result.requests.average),
          latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
          requests: result.requests.total,
        };
      }
      writeResult(`create-incidents-${backend}`, { backend, durationSeconds, ...figures });
    } finally {
      await muster.close();
    }
  }
} finally {
  push.close();
}
