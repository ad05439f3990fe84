import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Runbook } from '../../../shared/api/runbooks';
import { errorResponse, jsonResponse, stubFetch } from '../../testing/fetch-stub';
import { resetOfflineDb } from '../../testing/offline-db';
import ServiceRunbooks from './ServiceRunbooks.vue';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const own: Runbook = {
  serviceId: 'svc-1',
  alertClass: null,
  markdown: '# Checkout\n\n- [ ] Check the dashboard\n- [x] Page the DB owner',
  updatedAt: new Date(Date.now() - 3600_000).toISOString(),
  updatedBy: { id: 'u-bob', name: 'Bob' },
};
const disk: Runbook = { ...own, alertClass: 'disk-full', markdown: '- [ ] Free disk space <script>window.pwned=1</script>' };

async function mountRunbooks(canEdit = true) {
  const pinia = createPinia();
  setActivePinia(pinia);
  // A bare router: the section needs one for its error handling, not the app's sign-in guard.
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] });
  wrapper = mount(ServiceRunbooks, { props: { serviceId: 'svc-1', canEdit }, global: { plugins: [pinia, router] } });
  await flushPromises();
  await vi.waitFor(() => expect(wrapper!.find('.runbooks').exists() || wrapper!.text().includes('No runbooks yet.')).toBe(true));
  return wrapper;
}

const button = (view: VueWrapper, text: string) => view.findAll('button').find((b) => b.text() === text)!;

describe('service runbooks', () => {
  it('lists the service own runbook, then per class, rendered safely with read-only steps', async () => {
    stubFetch({ 'GET /api/v1/services/svc-1/runbooks': () => jsonResponse(200, { items: [own, disk] }) });
    const view = await mountRunbooks(false);
    expect(view.findAll('.runbook-title').map((title) => title.text())).toEqual(['Service runbook', 'Alerts of class “disk-full”']);
    expect(view.text()).toContain('by Bob');
    const boxes = view.findAll<HTMLInputElement>('.runbooks input.runbook-step-box').map((box) => box.element);
    expect(boxes.map((box) => [box.checked, box.disabled])).toEqual([
      [false, true],
      [true, true],
      [false, true],
    ]);
    expect(view.find('script').exists()).toBe(false);
    expect(view.findAll('button').map((b) => b.text())).toEqual([]);
  });

  it('edits a runbook with a preview and saves it with PUT', async () => {
    const { requests, routes } = stubFetch({ 'GET /api/v1/services/svc-1/runbooks': () => jsonResponse(200, { items: [own] }) });
    routes['PUT /api/v1/services/svc-1/runbook'] = (req) => jsonResponse(200, { ...own, markdown: (req.body as { markdown: string }).markdown });
    const view = await mountRunbooks();
    await button(view, 'Edit').trigger('click');
    const textarea = view.find('textarea[name="runbook"]');
    expect((textarea.element as HTMLTextAreaElement).value).toBe(own.markdown);
    await textarea.setValue('# New\n\n- [ ] One\n- [ ] Two\n- [ ] Three');
    expect(view.text()).toContain('3 steps');
    await button(view, 'Preview').trigger('click');
    expect(view.find('.preview h1').text()).toBe('New');
    expect(view.findAll('.preview input.runbook-step-box')).toHaveLength(3);
    await view.find('form.editor').trigger('submit');
    await vi.waitFor(() => expect(view.find('form.editor').exists()).toBe(false));
    const put = requests.find((req) => req.method === 'PUT')!;
    expect(put.query.get('class')).toBeNull();
    expect(put.body).toEqual({ markdown: '# New\n\n- [ ] One\n- [ ] Two\n- [ ] Three' });
    expect(put.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('adds a runbook for an alert class, and shows a refusal', async () => {
    const { requests, routes } = stubFetch({ 'GET /api/v1/services/svc-1/runbooks': () => jsonResponse(200, { items: [] }) });
    routes['PUT /api/v1/services/svc-1/runbook'] = () => errorResponse(400, 'bad_request', 'invalid body: markdown: must be at most 100000 characters');
    const view = await mountRunbooks();
    expect(view.text()).toContain('No runbooks yet.');
    await button(view, 'Add a runbook').trigger('click');
    await view.find('input[name="alert-class"]').setValue(' HighLatency ');
    await view.find('textarea[name="runbook"]').setValue('- [ ] Scale out');
    await view.find('form.editor').trigger('submit');
    await vi.waitFor(() => expect(view.text()).toContain('Invalid body: markdown: must be at most 100000 characters'));
    expect(requests.find((req) => req.method === 'PUT')!.query.get('class')).toBe('HighLatency');

    routes['PUT /api/v1/services/svc-1/runbook'] = () => jsonResponse(200, { ...own, alertClass: 'HighLatency', markdown: '- [ ] Scale out' });
    await view.find('form.editor').trigger('submit');
    await vi.waitFor(() => expect(view.findAll('.runbook-title').map((title) => title.text())).toEqual(['Alerts of class “HighLatency”']));
  });

  it('deletes one only after the warning is confirmed', async () => {
    const { requests, routes } = stubFetch({ 'GET /api/v1/services/svc-1/runbooks': () => jsonResponse(200, { items: [own, disk] }) });
    routes['DELETE /api/v1/services/svc-1/runbook'] = () => new Response(null, { status: 204 });
    const view = await mountRunbooks();
    await view.find('button[aria-label="Delete Alerts of class “disk-full”"]').trigger('click');
    expect(requests.some((req) => req.method === 'DELETE')).toBe(false);
    await button(view, 'Delete runbook').trigger('click');
    await vi.waitFor(() => expect(view.findAll('.runbook-title')).toHaveLength(1));
    expect(requests.find((req) => req.method === 'DELETE')!.query.get('class')).toBe('disk-full');
  });

  it('offline, shows the copy kept from the last visit, without editing', async () => {
    stubFetch({ 'GET /api/v1/services/svc-1/runbooks': () => jsonResponse(200, { items: [own] }) });
    (await mountRunbooks()).unmount();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const view = await mountRunbooks();
    await vi.waitFor(() => expect(view.text()).toContain('Offline: the copy on this device.'));
    expect(view.findAll('.runbook-title').map((title) => title.text())).toEqual(['Service runbook']);
    expect(view.findAll('button').map((b) => b.text())).not.toContain('Add a runbook');
  });
});
