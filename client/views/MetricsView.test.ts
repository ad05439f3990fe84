import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricsReport } from '../../shared/domain/metrics';
import { sampleReport } from '../testing/metrics-fixtures';
import { jsonResponse, stubFetch, type RecordedRequest } from '../testing/fetch-stub';
import { ada } from '../testing/fixtures';
import { mountAppAt } from '../testing/mount-app';
import { resetOfflineDb } from '../testing/offline-db';

let wrapper: VueWrapper | undefined;
beforeEach(resetOfflineDb);
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

function serve(report: MetricsReport | (() => Response) = sampleReport) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/services': () => jsonResponse(200, { items: [{ id: 'svc-a', name: 'Checkout' }, { id: 'svc-b', name: 'Search' }] }),
    'GET /api/v1/metrics': () => (typeof report === 'function' ? report() : jsonResponse(200, report)),
  });
}

// jsdom's Blob has no text(): read it as a browser without it would.
const textOf = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
const metricsCalls = (requests: RecordedRequest[]) => requests.filter((r) => r.path === '/api/v1/metrics');
const figure = (name: string) => wrapper!.findAll('.figure').find((f) => f.find('.name').text() === name)!;

describe('metrics screen', () => {
  it('shows the four figures as mean, median and n, the count, and repeat offenders that open their service', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/metrics'));
    await vi.waitFor(() => expect(wrapper!.find('[data-test="count"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="count"]').text()).toContain('5 incidents');
    expect(figure('MTTD').find('[data-test="mean"]').text()).toBe('2 min');
    expect(figure('MTTD').find('[data-test="median"]').text()).toBe('median 0 s');
    expect(figure('MTTD').find('[data-test="n"]').text()).toBe('n = 5');
    expect(figure('MTTA').find('[data-test="mean"]').text()).toBe('3 min');
    expect(figure('MTTA').find('[data-test="n"]').text()).toBe('n = 3 of 5');
    expect(figure('MTTR').find('[data-test="mean"]').text()).toBe('37 min');
    expect(figure('MTTR from start').find('[data-test="median"]').text()).toBe('median 32 min');
    const services = wrapper.findAll('[data-test="offending-services"] a');
    expect(services.map((a) => [a.find('.name').text(), a.find('.count').text()])).toEqual([
      ['Checkout, EU "prod"', '3 incidents'],
      ['=HYPERLINK("x")', '2 incidents'],
    ]);
    expect(services[0]!.attributes('href')).toBe('/services/svc-a');
    expect(wrapper.find('[data-test="offending-classes"]').text()).toContain('HighLatency');
  });

  it('asks for the picked range, service and severities, and keeps them in the URL', async () => {
    const { requests } = serve();
    const mounted = await mountAppAt('/metrics');
    wrapper = mounted.wrapper;
    await vi.waitFor(() => expect(metricsCalls(requests)).toHaveLength(1));
    const first = metricsCalls(requests)[0]!.query;
    // 12 weeks by default: from a Monday 00:00 UTC, 11 weeks before this week's.
    const from = new Date(first.get('from')!);
    expect([from.getUTCDay(), from.getUTCHours()]).toEqual([1, 0]);
    expect(Math.round((Date.now() - from.getTime()) / 86_400_000 / 7)).toBeGreaterThanOrEqual(11);
    expect(first.get('severity')).toBeNull();

    await wrapper.findAll('.severities button').find((b) => b.text() === 'SEV-2')!.trigger('click');
    await wrapper.findAll('.severities button').find((b) => b.text() === 'SEV-1')!.trigger('click');
    await vi.waitFor(() => expect(metricsCalls(requests).at(-1)!.query.get('severity')).toBe('SEV-1,SEV-2'));
    await vi.waitFor(() => expect(wrapper!.findAll('select[name="service"] option')).toHaveLength(3));
    await wrapper.find('select[name="service"]').setValue('svc-b');
    await vi.waitFor(() => expect(metricsCalls(requests).at(-1)!.query.get('serviceId')).toBe('svc-b'));

    await wrapper.find('input[value="custom"]').setValue(true);
    await wrapper.find('input[name="from"]').setValue('2026-03-02');
    await wrapper.find('input[name="to"]').setValue('2026-03-15');
    await vi.waitFor(() => {
      const last = metricsCalls(requests).at(-1)!.query;
      expect([last.get('from'), last.get('to')]).toEqual(['2026-03-02T00:00:00Z', '2026-03-16T00:00:00.000Z']);
    });
    await vi.waitFor(() =>
      expect(mounted.router.currentRoute.value.query).toEqual({ range: 'custom', from: '2026-03-02', to: '2026-03-15', service: 'svc-b', severity: 'SEV-1,SEV-2' }),
    );
  });

  it('offline, shows the last metrics seen and says so', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/metrics'));
    await vi.waitFor(() => expect(wrapper!.find('[data-test="count"]').exists()).toBe(true));
    wrapper.unmount();
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    ({ wrapper } = await mountAppAt('/metrics'));
    await vi.waitFor(() => expect(wrapper!.find('.stale').exists()).toBe(true));
    expect(wrapper.find('.stale').text()).toMatch(/^Offline · metrics from/);
    expect(figure('MTTA').find('[data-test="mean"]').text()).toBe('3 min');
  });

  it('exports the report shown as CSV files', async () => {
    serve();
    ({ wrapper } = await mountAppAt('/metrics'));
    await vi.waitFor(() => expect(wrapper!.find('[data-test="csv-weekly"]').exists()).toBe(true));
    const blobs: Blob[] = [];
    const downloads: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:metrics'), revokeObjectURL: () => undefined }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    await wrapper.find('[data-test="csv-weekly"]').trigger('click');
    await wrapper.find('[data-test="csv-services"]').trigger('click');
    click.mockRestore();
    expect(downloads).toEqual(['muster-metrics-weekly-2026-03-02-to-2026-03-15.csv', 'muster-metrics-services-2026-03-02-to-2026-03-15.csv']);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    expect((await textOf(blobs[0]!)).split('\r\n')[1]).toBe('2026-03-02,2,180,180,2,1800,1800,1');
    expect((await textOf(blobs[1]!)).split('\r\n')[1]).toBe('svc-a,"Checkout, EU ""prod""",3,180,180,2,1800,1800,1');
  });
});
