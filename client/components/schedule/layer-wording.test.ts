import { describe, expect, it } from 'vitest';
import { daysWording, restrictionWording, rotationWording } from './layer-wording';

describe('layer wording', () => {
  it('says how often and when a layer hands off', () => {
    const start = { startDate: '2026-03-02', handoffTime: '09:00' };
    expect(rotationWording({ ...start, shift: { length: 1, unit: 'weeks' } }, 'en-US')).toBe('Weekly, handing off on Mondays at 09:00, from Mon, Mar 2');
    expect(rotationWording({ ...start, shift: { length: 2, unit: 'weeks' } }, 'en-US')).toBe('Every 2 weeks, handing off on Mondays at 09:00, from Mon, Mar 2');
    expect(rotationWording({ ...start, shift: { length: 1, unit: 'days' } }, 'en-US')).toBe('Daily, handing off at 09:00, from Mon, Mar 2');
    expect(rotationWording({ ...start, shift: { length: 3, unit: 'days' } }, 'en-US')).toBe('Every 3 days, handing off at 09:00, from Mon, Mar 2');
    expect(rotationWording({ ...start, shift: { length: 12, unit: 'hours' } }, 'en-US')).toBe('Every 12 hours, first hand-off at 09:00 from Mon, Mar 2');
  });

  it('names days as ranges where they run on', () => {
    expect(daysWording(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe('Mon–Fri');
    expect(daysWording(['fri', 'mon', 'wed'])).toBe('Mon, Wed, Fri');
    expect(daysWording(['sat', 'sun'])).toBe('Sat, Sun');
    expect(daysWording(['mon', 'tue', 'wed', 'sat', 'sun'])).toBe('Mon–Wed, Sat, Sun');
    expect(daysWording(['sun', 'sat', 'fri', 'thu', 'wed', 'tue', 'mon'])).toBe('Every day');
  });

  it('says when a window runs past midnight', () => {
    expect(restrictionWording({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' })).toBe('Mon–Fri 09:00–17:00');
    expect(restrictionWording({ days: ['sat'], start: '22:00', end: '06:00' })).toBe('Sat 22:00–06:00 (next day)');
  });
});
