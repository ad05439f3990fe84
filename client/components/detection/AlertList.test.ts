import { mount, RouterLinkStub } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/api/detection';
import { alertFixture } from '../../testing/fixtures';
import AlertList from './AlertList.vue';

const alert = alertFixture;

const render = (alerts: Alert[], props: Record<string, unknown> = {}) =>
  mount(AlertList, { props: { alerts, ...props }, global: { stubs: { RouterLink: RouterLinkStub } } });

describe('alert list', () => {
  it('shows status, summary, source and client, times seen and the details as a key/value list', () => {
    const view = render([
      alert({
        client: 'Datadog',
        clientUrl: 'https://app.datadoghq.com/monitors/1',
        details: { source: 'web-3', custom_details: { region: 'eu-west-1', query: { table: 'orders' } } },
      }),
    ]);
    const card = view.find('.alert-card');
    expect(card.find('.status-badge').text()).toBe('Triggered');
    expect(card.find('.alert-summary').text()).toBe('Checkout error rate 42 %');
    expect(card.find('.alert-meta').text()).toContain('Events API · Datadog');
    expect(card.find('.alert-meta').text()).toContain('fired 3 times');
    // One alert: its details are what the incident is about, so they are open.
    expect(card.find('details').attributes('open')).toBeDefined();
    const pairs = card.findAll('dl > div').map((row) => [row.find('dt').text(), row.find('dd').text()]);
    expect(pairs).toEqual([
      ['source', 'web-3'],
      ['region', 'eu-west-1'],
      ['query', '{\n  "table": "orders"\n}'],
    ]);
    expect(card.text()).toContain('Custom details');
    const back = card.find('a[href="https://app.datadoghq.com/monitors/1"]');
    expect(back.text()).toContain('Open in Datadog');
  });

  it('links only http(s) URLs, in a new tab without opener or referrer', () => {
    const view = render([
      alert({
        links: [
          { href: 'https://grafana.example.com/d/checkout', text: 'Dashboard' },
          { href: 'javascript:alert(document.cookie)', text: 'Click me' },
          { href: 'data:text/html,<script>alert(1)</script>', text: null },
        ],
      }),
    ]);
    const anchors = view.findAll('a');
    expect(anchors.map((a) => a.attributes('href'))).toEqual(['https://grafana.example.com/d/checkout']);
    expect(anchors[0].attributes('rel')).toBe('noopener noreferrer');
    expect(anchors[0].attributes('target')).toBe('_blank');
    expect(view.text()).toContain('Click me (not a web link)');
    expect(view.html()).not.toContain('href="javascript:');
    expect(view.html()).not.toContain('href="data:');
  });

  it('shows markup a tool sent as text, never as HTML', () => {
    const view = render([
      alert({
        summary: '<script>alert(1)</script><img src=x onerror=alert(2)>',
        details: { message: '<b>bold</b>' },
        links: [{ href: 'https://ok.example.com', text: '<i>x</i>' }],
      }),
    ]);
    expect(view.find('script').exists()).toBe(false);
    expect(view.find('img').exists()).toBe(false);
    expect(view.find('b').exists()).toBe(false);
    expect(view.find('i').exists()).toBe(false);
    expect(view.find('.alert-summary').text()).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(view.find('dd').text()).toBe('<b>bold</b>');
    expect(view.find('a').text()).toContain('<i>x</i>');
  });

  it('loads images only over https, without referrer, lazily and with alt text', async () => {
    const view = render([
      alert({
        images: [
          { src: 'https://charts.example.com/p99.png', href: 'https://grafana.example.com/d/p99', alt: 'p99 latency' },
          { src: 'http://charts.example.com/plain.png', href: null, alt: null },
          { src: 'javascript:alert(1)', href: null, alt: 'bad' },
        ],
      }),
    ]);
    const images = view.findAll('img');
    expect(images).toHaveLength(1);
    expect(images[0].attributes()).toMatchObject({
      src: 'https://charts.example.com/p99.png',
      alt: 'p99 latency',
      referrerpolicy: 'no-referrer',
      loading: 'lazy',
    });
    expect(images[0].element.closest('a')?.getAttribute('href')).toBe('https://grafana.example.com/d/p99');
    // Plain http: a link to the image, not loaded.
    expect(view.find('a[href="http://charts.example.com/plain.png"]').text()).toBe('Image: Image sent with the alert');
    expect(view.text()).toContain('Image: bad (not a web link)');

    // Blocked by the content security policy, or gone: a link instead of a broken image.
    await images[0].trigger('error');
    expect(view.findAll('img')).toHaveLength(0);
    expect(view.find('a[href="https://grafana.example.com/d/p99"]').text()).toBe('Image: p99 latency');
  });

  it('marks alerts received in maintenance and links alerts to their incident when asked', () => {
    const view = render([alert({ inMaintenance: true, incidentId: null }), alert({ incidentId: 'inc-9' })], { incidentLinks: true });
    const [quiet, paged] = view.findAll('.alert-card');
    expect(quiet.find('.maintenance-tag').text()).toBe('In maintenance · no incident');
    expect(quiet.findComponent(RouterLinkStub).exists()).toBe(false);
    expect(paged.find('.maintenance-tag').exists()).toBe(false);
    expect(paged.findComponent(RouterLinkStub).props('to')).toEqual({ name: 'incident', params: { id: 'inc-9' } });
    // Several alerts: details folded so the list stays scannable.
    expect(view.findAll('details').every((details) => details.attributes('open') === undefined)).toBe(true);
  });

  it('shows the first ten of a storm and the rest on demand', async () => {
    const storm = Array.from({ length: 40 }, (_, i) => alert({ summary: `Alert ${i + 1}` }));
    const view = render(storm);
    expect(view.findAll('.alert-card')).toHaveLength(10);
    const more = view.find('button');
    expect(more.text()).toBe('Show all 40 alerts');
    await more.trigger('click');
    expect(view.findAll('.alert-card')).toHaveLength(40);
    expect(view.find('button').exists()).toBe(false);
  });
});
