import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/api/schedules';
import { formDiffers, formOf, inputOf, newLayer, newScheduleForm } from './schedule-form';

const saved: Schedule = {
  id: 'sch-1',
  name: 'Primary',
  timeZone: 'Europe/Berlin',
  description: null,
  createdAt: '2026-03-01T00:00:00Z',
  layers: [{ users: ['u-ada', 'u-bob'], startDate: '2026-03-02', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } }],
};

describe('schedule form', () => {
  it('starts a new schedule with one weekly layer handing off at 09:00 today in its zone', () => {
    const form = newScheduleForm('Asia/Tokyo', new Date('2026-03-10T02:00:00Z'));
    expect(form).toEqual({
      name: '',
      timeZone: 'Asia/Tokyo',
      description: '',
      layers: [{ name: '', users: [], startDate: '2026-03-10', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' }, restrictions: [] }],
    });
  });

  it('starts the first shift yesterday before 09:00, so someone is on call from now on', () => {
    // 05:00 on the 10th in Tokyo: a first hand-off at 09:00 today would leave four hours with nobody on call.
    expect(newLayer('Asia/Tokyo', new Date('2026-03-09T20:00:00Z')).startDate).toBe('2026-03-09');
  });

  it('sends back what it read, with blank optional parts left out', () => {
    expect(inputOf(formOf(saved))).toEqual({ name: 'Primary', timeZone: 'Europe/Berlin', description: null, layers: saved.layers });
    const form = formOf(saved);
    form.name = '  Primary on call ';
    form.description = ' Checkout and payments ';
    form.layers[0].name = ' Weekdays ';
    form.layers[0].restrictions.push({ days: ['mon'], start: '09:00', end: '17:00' });
    expect(inputOf(form)).toEqual({
      name: 'Primary on call',
      timeZone: 'Europe/Berlin',
      description: 'Checkout and payments',
      layers: [{ name: 'Weekdays', ...saved.layers[0], restrictions: [{ days: ['mon'], start: '09:00', end: '17:00' }] }],
    });
  });

  it('edits a copy: the saved schedule stays as it was', () => {
    const form = formOf(saved);
    form.layers[0].users.reverse();
    form.layers[0].shift.length = 2;
    expect(saved.layers[0]).toEqual({ users: ['u-ada', 'u-bob'], startDate: '2026-03-02', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' } });
  });

  it('tells a changed form from the saved schedule, ignoring what saving would trim', () => {
    const form = formOf(saved);
    expect(formDiffers(form, saved)).toBe(false);
    form.name = 'Primary ';
    expect(formDiffers(form, saved)).toBe(false);
    form.layers[0].users = ['u-bob', 'u-ada'];
    expect(formDiffers(form, saved)).toBe(true);
    form.layers[0].users = ['u-ada', 'u-bob'];
    form.layers.push(newLayer('Europe/Berlin', new Date()));
    expect(formDiffers(form, saved)).toBe(true);
    expect(formDiffers(newScheduleForm('UTC', new Date()), null)).toBe(true);
  });
});
