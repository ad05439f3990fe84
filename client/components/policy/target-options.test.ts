import { describe, expect, it } from 'vitest';
import type { Directory } from './policy-wording';
import { targetOptions } from './target-options';

const person = (id: string, name: string, email: string, overrides: Partial<Directory['users'][number]> = {}) => ({
  id,
  name,
  email,
  role: 'responder' as const,
  active: true,
  ...overrides,
});
const directory: Directory = {
  users: [
    person('vic', 'Vic Dale', 'vic@example.com', { role: 'viewer' }),
    person('dana', 'Dana Scully', 'dana@example.com'),
    person('fox', 'Fox Mulder', 'spooky@fbi.example'),
  ],
  schedules: [
    { id: 'primary', name: 'Primary' },
    { id: 'db', name: 'Database' },
  ],
};
const names = (query: string, selected: Parameters<typeof targetOptions>[2] = []) => targetOptions(query, directory, selected).shown.map((option) => option.name);

describe('target options', () => {
  it('matches names and emails whatever the case, schedules first and people who cannot be paged last', () => {
    expect(names('DA')).toEqual(['Database', 'Dana Scully', 'Vic Dale']);
    expect(names('fbi')).toEqual(['Fox Mulder']);
    expect(names('  ')).toEqual(['Primary', 'Database', 'Dana Scully', 'Fox Mulder', 'Vic Dale']);
  });

  it('says why someone cannot be picked', () => {
    const vic = targetOptions('vic', directory, []).shown[0];
    expect(vic).toMatchObject({ name: 'Vic Dale', detail: 'vic@example.com', blockedReason: 'a viewer' });
    expect(targetOptions('primary', directory, []).shown[0]).toMatchObject({ detail: 'Schedule', blockedReason: null });
  });

  it('leaves out what the step already pages', () => {
    expect(names('da', [{ type: 'user', id: 'dana' }])).toEqual(['Database', 'Vic Dale']);
    // A schedule and a person may share an id; only the same kind counts as already picked.
    expect(names('data', [{ type: 'user', id: 'db' }])).toEqual(['Database']);
  });

  it('shows at most eight and counts the rest', () => {
    const crowd: Directory = { users: Array.from({ length: 11 }, (_, i) => person(`u${i}`, `Sam ${i}`, `sam${i}@example.com`)), schedules: [] };
    const options = targetOptions('sam', crowd, []);
    expect(options.shown).toHaveLength(8);
    expect(options.more).toBe(3);
  });
});
