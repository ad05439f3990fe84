import { describe, expect, it } from 'vitest';
import { alertClassOf } from './alert-class';

describe('alert class', () => {
  it('is PagerDuty’s class, else the alertname label, else nothing', () => {
    expect(alertClassOf({ class: ' disk-full ', labels: { alertname: 'Other' } })).toBe('disk-full');
    expect(alertClassOf({ labels: { alertname: 'HighErrorRate' }, annotations: {} })).toBe('HighErrorRate');
    expect(alertClassOf({ class: '', labels: 'not an object' })).toBeNull();
    expect(alertClassOf({})).toBeNull();
  });
});
