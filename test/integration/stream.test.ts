import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, type TestApp } from '../helpers/test-app';

let t: TestApp;
let server: ServerType;
let origin: string;
const streams: AbortController[] = [];

// SSE needs a real connection: app.request() would hand back a body that never ends.
beforeEach(async () => {
  t = await createTestApp();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.abort();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/** Opens the stream and reads it event by event; `next()` fails rather than hang when nothing comes. */
async function openStream(cookie: string) {
  const controller = new AbortController();
  streams.push(controller);
  const res = await fetch(`${origin}/api/v1/stream`, { headers: { Cookie: cookie }, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';

  async function next(timeoutMs = 2000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = block.split('\n').filter((line) => !line.startsWith(':'));
        if (fields.length === 0) continue;
        const value = (name: string) => fields.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
        return { event: value('event') ?? 'message', id: value('id'), data: value('data') ?? '' };
      }
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no SSE event within ${timeoutMs} ms`)), deadline - Date.now());
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('the stream ended');
      buffer += chunk.value;
    }
  }

  return { res, next };
}

async function post(path: string, cookie: string, body?: unknown) {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    // As the app sends its writes: JSON, from its own origin.
    headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: origin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
}

describe('GET /api/v1/stream', () => {
  it('pushes an incident event to an open app when an incident is acknowledged', async () => {
    const admin = await t.signedInUser('admin');
    const service = await t.createService(admin.cookie);
    const incident = await t.createIncident(admin.cookie, { serviceId: service.id });

    const viewer = await t.signedInUser('viewer');
    const stream = await openStream(viewer.cookie);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    expect((await stream.next()).event).toBe('ready');

    await post(`/api/v1/incidents/${incident.id}/acknowledge`, admin.cookie);
    const event = await stream.next();
    expect(event).toMatchObject({ event: 'incident', id: '1' });
    expect(JSON.parse(event.data)).toEqual({ incidentId: incident.id, reason: 'acknowledged' });
  });

  it('sends every open app each change, in order', async () => {
    const admin = await t.signedInUser('admin');
    const service = await t.createService(admin.cookie);
    const first = await openStream(admin.cookie);
    const second = await openStream((await t.signedInUser('responder')).cookie);
    await first.next();
    await second.next();

    const incident = await post('/api/v1/incidents', admin.cookie, { serviceId: service.id, title: 'disk full', severity: 'SEV-2' });
    await post(`/api/v1/incidents/${incident.id}/notes`, admin.cookie, { text: 'looking' });
    await post(`/api/v1/incidents/${incident.id}/resolve`, admin.cookie);
    for (const stream of [first, second]) {
      const events = [await stream.next(), await stream.next(), await stream.next()];
      expect(events.map((event) => [event.id, JSON.parse(event.data).reason])).toEqual([['1', 'triggered'], ['2', 'note'], ['3', 'resolved']]);
      expect(events.every((event) => JSON.parse(event.data).incidentId === incident.id)).toBe(true);
    }
  });

  it('refuses the anonymous with the one error shape', async () => {
    expectApiError(await t.request('GET', '/api/v1/stream'), 401, 'unauthorized');
  });
});
