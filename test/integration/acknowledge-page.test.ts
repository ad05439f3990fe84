import { afterEach, describe, expect, it } from 'vitest';
import { usePagingSuite } from '../helpers/paging';

const suite = usePagingSuite();
afterEach(() => {
  expect(suite.p.take(), 'a page nobody expected').toEqual([]);
});

/** Pages ada and returns the incident and the signed token her page carried. */
async function paged(title = 'Checkout returns 502') {
  const ada = await suite.p.responder('ada');
  const policy = await suite.p.policy([{ delaySeconds: 300, targets: [{ type: 'user', id: ada.user.id }] }]);
  const service = await suite.p.serviceWithPolicy(policy);
  const incident = await suite.p.trigger(service.id, { title });
  expect(suite.p.take()).toEqual([`ada-1 #${incident.number}`]);
  return { ada, incident, token: suite.p.lastPayloadTo('ada-1').ackToken as string };
}

const statusOf = async (id: string) => (await suite.t.request('GET', `/api/v1/incidents/${id}`, { cookie: suite.p.admin.cookie })).json.status;

describe('the acknowledge link of page emails and chat messages', () => {
  it('only asks when opened (mail scanners open links), and acknowledges from its button', async () => {
    const { incident, token } = await paged();
    const asked = await suite.t.request('GET', `/ack/${token}`);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(asked.headers.get('Cache-Control')).toBe('no-store');
    expect(asked.text).toContain(`<h1>Acknowledge #${incident.number} Checkout returns 502?</h1>`);
    expect(asked.text).toContain('<form method="post"><button type="submit">Acknowledge as ada</button></form>');
    expect(await statusOf(incident.id)).toBe('triggered');

    const done = await suite.t.request('POST', `/ack/${token}`);
    expect(done.status).toBe(200);
    expect(done.text).toContain(`#${incident.number} Checkout returns 502 is acknowledged by ada: paging has stopped.`);
    expect(await statusOf(incident.id)).toBe('acknowledged');
    const timeline = (await suite.t.request('GET', `/api/v1/incidents/${incident.id}`, { cookie: suite.p.admin.cookie })).json.timeline;
    expect(timeline.filter((event: { type: string }) => event.type === 'acknowledged')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ name: 'ada' }) })]);
    await suite.p.advance(3600);

    const again = await suite.t.request('GET', `/ack/${token}`);
    expect(again.text).toContain('<h1>Already acknowledged</h1>');
    expect(again.text).not.toContain('<form');
  });

  it('says why a bad or forged token cannot act, as a page', async () => {
    const { token } = await paged();
    const forged = await suite.t.request('GET', `/ack/${token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    expect(forged.text).toContain('<h1>Cannot acknowledge from this link</h1>');
    expect(forged.text).toMatch(/the page token is [^<]+; open the app to acknowledge\./);
    expect((await suite.t.request('POST', '/ack/not-a-token')).status).toBe(401);
  });

  it('escapes what the alert wrote', async () => {
    const { token } = await paged('<img src=x onerror=alert(1)> & co');
    const asked = await suite.t.request('GET', `/ack/${token}`);
    expect(asked.text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(asked.text).not.toContain('<img');
  });
});
