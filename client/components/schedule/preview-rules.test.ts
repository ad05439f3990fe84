import { describe, expect, it } from 'vitest';
import { previewRules } from './preview-rules';
import { newLayer, type ScheduleForm } from './schedule-form';

const now = new Date('2026-03-09T12:00:00Z');
const form = (): ScheduleForm => ({
  name: 'Primary',
  timeZone: 'Europe/Berlin',
  description: '',
  layers: [
    { ...newLayer('Europe/Berlin', now), name: 'Week', users: ['a', 'b'] },
    { ...newLayer('Europe/Berlin', now), users: ['c'], restrictions: [{ days: ['sat', 'sun'], start: '10:00', end: '18:00' }] },
  ],
});

describe('preview rules', () => {
  it('maps every complete layer to the rotation the shared code reads', () => {
    expect(previewRules(form())).toEqual({
      rules: {
        timeZone: 'Europe/Berlin',
        layers: [
          { users: ['a', 'b'], startDate: '2026-03-09', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' }, restrictions: [] },
          { users: ['c'], startDate: '2026-03-09', handoffTime: '09:00', shift: { length: 1, unit: 'weeks' }, restrictions: [{ days: ['sat', 'sun'], start: '10:00', end: '18:00' }] },
        ],
      },
      incompleteLayers: [],
    });
  });

  it('leaves out a layer the server would refuse, and names it', () => {
    const cases: Array<(f: ScheduleForm) => void> = [
      (f) => (f.layers[0].users = []),
      (f) => (f.layers[0].startDate = ''),
      (f) => (f.layers[0].handoffTime = '9'),
      (f) => (f.layers[0].shift.length = 0),
      (f) => (f.layers[0].shift.length = 1.5),
      (f) => (f.layers[0].restrictions = [{ days: [], start: '09:00', end: '17:00' }]),
    ];
    for (const breakIt of cases) {
      const edited = form();
      breakIt(edited);
      const preview = previewRules(edited);
      expect(preview.incompleteLayers).toEqual([0]);
      expect(preview.rules?.layers.map((layer) => layer.users)).toEqual([['c']]);
    }
  });

  it('previews nothing in a zone the rotation code does not know', () => {
    expect(previewRules({ ...form(), timeZone: 'Mars/Olympus' }).rules).toBeNull();
  });
});
