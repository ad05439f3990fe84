import { describe, expect, it } from 'vitest';
import { canApply, incidentCommands, incidentStatuses, isOpen, isPaging, transition } from './lifecycle';

const allowed: Array<[string, string, string]> = [
  ['triggered', 'acknowledge', 'acknowledged'],
  ['triggered', 'resolve', 'resolved'],
  ['acknowledged', 'resolve', 'resolved'],
  ['acknowledged', 'retrigger', 'triggered'],
  ['resolved', 'retrigger', 'triggered'],
];

describe('incident lifecycle', () => {
  it.each(allowed)('%s --%s--> %s', (from, command, to) => {
    const result = transition(from as never, command as never);
    expect(result).toEqual({ ok: true, from, to });
  });

  const refused = incidentStatuses.flatMap((from) =>
    incidentCommands
      .filter((command) => !allowed.some(([f, c]) => f === from && c === command))
      .map((command) => [from, command] as const),
  );

  it('refuses exactly the four other pairs', () => {
    expect(refused).toEqual([
      ['triggered', 'retrigger'],
      ['acknowledged', 'acknowledge'],
      ['resolved', 'acknowledge'],
      ['resolved', 'resolve'],
    ]);
  });

  it.each(refused)('refuses %s --%s--> with a reason', (from, command) => {
    const result = transition(from, command);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/already|cannot/);
    expect(canApply(from, command)).toBe(false);
  });

  it('treats only resolved incidents as closed', () => {
    expect(incidentStatuses.filter(isOpen)).toEqual(['triggered', 'acknowledged']);
  });

  it('pages and escalates only triggered incidents', () => {
    expect(incidentStatuses.filter(isPaging)).toEqual(['triggered']);
  });
});
