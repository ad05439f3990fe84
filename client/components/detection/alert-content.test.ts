import { describe, expect, it } from 'vitest';
import { detailGroups, firedWording, imageUrl, sourceLabel, webUrl } from './alert-content';

describe('alert URLs', () => {
  it('links only http(s) addresses', () => {
    expect(webUrl('https://grafana.example.com/d/abc?x=1')).toBe('https://grafana.example.com/d/abc?x=1');
    expect(webUrl('http://runbooks.internal/db')).toBe('http://runbooks.internal/db');
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x', '/relative', 'not a url', '', null, 42]) {
      expect(webUrl(bad), String(bad)).toBeNull();
    }
  });

  it('loads images only over https', () => {
    expect(imageUrl('https://charts.example.com/p99.png')).toBe('https://charts.example.com/p99.png');
    expect(imageUrl('http://charts.example.com/p99.png')).toBeNull();
    expect(imageUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(imageUrl('javascript:alert(1)')).toBeNull();
  });
});

describe('detailGroups', () => {
  it('lists the event fields, then one group per object, nested values as pretty JSON', () => {
    expect(
      detailGroups({
        source: 'db-1',
        component: 'postgres',
        custom_details: { region: 'eu-west-1', error_rate: 0.42, hosts: ['a', 'b'], query: { table: 'orders', ms: 812 }, note: null },
      }),
    ).toEqual([
      {
        title: null,
        entries: [
          { key: 'source', value: 'db-1', block: false },
          { key: 'component', value: 'postgres', block: false },
        ],
      },
      {
        title: 'Custom details',
        entries: [
          { key: 'region', value: 'eu-west-1', block: false },
          { key: 'error_rate', value: '0.42', block: false },
          { key: 'hosts', value: 'a, b', block: false },
          { key: 'query', value: '{\n  "table": "orders",\n  "ms": 812\n}', block: true },
          { key: 'note', value: '—', block: false },
        ],
      },
    ]);
  });

  it('keeps text as text, markup included, and copes with nothing to show', () => {
    expect(detailGroups({ message: '<script>alert(1)</script>\nsecond line' })).toEqual([
      { title: null, entries: [{ key: 'message', value: '<script>alert(1)</script>\nsecond line', block: true }] },
    ]);
    expect(detailGroups({})).toEqual([]);
    expect(detailGroups(undefined)).toEqual([]);
    expect(detailGroups({ labels: {} })).toEqual([]);
  });
});

describe('wording', () => {
  it('names the source and counts repeats', () => {
    expect(sourceLabel('alertmanager')).toBe('Alertmanager');
    expect(sourceLabel('something_new')).toBe('something_new');
    expect(firedWording(1)).toBe('fired once');
    expect(firedWording(12)).toBe('fired 12 times');
  });
});
