import { describe, expect, it } from 'vitest';
import { reassignOptions } from './reassign-options';

const person = (id: string, name: string, extra: { role?: 'responder' | 'viewer' | 'admin'; active?: boolean } = {}) => ({
  id,
  name,
  email: `${name.toLowerCase()}@example.com`,
  role: extra.role ?? 'responder',
  active: extra.active ?? true,
});
const users = [person('u1', 'Ada'), person('u2', 'Bob', { active: false }), person('u3', 'Carol'), person('u4', 'Dan', { role: 'viewer' })];
const policies = [{ id: 'p1', name: 'Database', steps: [{ delaySeconds: 60, targets: [] }] }, { id: 'p2', name: 'Checkout', steps: [] }];

describe('reassignOptions', () => {
  it('lists pickable people, then policies, then people who cannot be assigned and why', () => {
    const { shown, more } = reassignOptions('', users, policies);
    expect(shown.map((option) => option.to.name)).toEqual(['Ada', 'Carol', 'Database', 'Checkout', 'Bob', 'Dan']);
    expect(shown.find((option) => option.to.id === 'u2')!.blockedReason).toBe('deactivated');
    expect(shown.find((option) => option.to.id === 'u4')!.blockedReason).toBe('a viewer');
    expect(shown.find((option) => option.to.id === 'p1')).toEqual({ to: { type: 'policy', id: 'p1', name: 'Database' }, detail: 'Escalation policy · 1 step', blockedReason: null });
    expect(more).toBe(0);
  });

  it('matches names and emails, ignoring case, and caps the list at eight', () => {
    expect(reassignOptions('CAR', users, policies).shown.map((option) => option.to.id)).toEqual(['u3']);
    expect(reassignOptions('ada@', users, policies).shown.map((option) => option.to.id)).toEqual(['u1']);
    expect(reassignOptions('zzz', users, policies).shown).toEqual([]);
    const many = Array.from({ length: 11 }, (_, i) => person(`m${i}`, `Mo ${i}`));
    expect(reassignOptions('mo', many, []).shown).toHaveLength(8);
    expect(reassignOptions('mo', many, []).more).toBe(3);
  });
});
