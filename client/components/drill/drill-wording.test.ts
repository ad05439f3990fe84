import { describe, expect, it } from 'vitest';
import { compareMeasure, failedPageLine, formatMeasure, formatMmSs, parseMmSs, scriptRows, secondsToNextInject } from './drill-wording';

const injects = [
  { afterSeconds: 0, kind: 'alert' as const, text: 'error rate 40 %' },
  { afterSeconds: 120, kind: 'alert' as const, text: 'replica lag' },
  { afterSeconds: 600, kind: 'resolve-signal' as const, text: 'recovering' },
];

describe('inject times', () => {
  it('reads mm:ss, bare seconds and h:mm:ss, and refuses anything else', () => {
    expect(parseMmSs('2:30')).toBe(150);
    expect(parseMmSs(' 90 ')).toBe(90);
    expect(parseMmSs('1:02:03')).toBe(3723);
    expect(parseMmSs('0:00')).toBe(0);
    expect(parseMmSs('2:75')).toBeNull();
    expect(parseMmSs('-5')).toBeNull();
    expect(parseMmSs('two')).toBeNull();
    expect(parseMmSs('')).toBeNull();
  });

  it('writes them back the same way', () => {
    expect(formatMmSs(150)).toBe('2:30');
    expect(formatMmSs(0)).toBe('0:00');
    expect(formatMmSs(3723)).toBe('1:02:03');
    expect(formatMmSs(-4)).toBe('0:00');
  });
});

describe('scriptRows', () => {
  it('ticks delivered injects and moves the rest by the shift the next one shows', () => {
    // Started 10:00:00, first inject done, the next (scripted +2:00) now due at 10:05:00: 3 min of pauses.
    const rows = scriptRows({ status: 'running', injects, injectsDone: 1, startedAt: '2026-12-06T10:00:00Z', nextInjectAt: '2026-12-06T10:05:00Z' });
    expect(rows.map((row) => [row.done, row.next, row.dueAt?.toISOString() ?? null])).toEqual([
      [true, false, null],
      [false, true, '2026-12-06T10:05:00.000Z'],
      [false, false, '2026-12-06T10:13:00.000Z'],
    ]);
  });

  it('marks no inject next once the drill is over', () => {
    const rows = scriptRows({ status: 'aborted', injects, injectsDone: 1, startedAt: '2026-12-06T10:00:00Z', nextInjectAt: null });
    expect(rows.map((row) => [row.done, row.next])).toEqual([[true, false], [false, false], [false, false]]);
  });

  it('gives no due times while paused or before the start', () => {
    expect(scriptRows({ status: 'running', injects, injectsDone: 1, startedAt: '2026-12-06T10:00:00Z', nextInjectAt: null }).every((row) => row.dueAt === null)).toBe(true);
    expect(scriptRows({ status: 'running', injects, injectsDone: 0, startedAt: null, nextInjectAt: null }).every((row) => row.dueAt === null)).toBe(true);
  });

  it('counts down to the next inject, never below zero', () => {
    const now = new Date('2026-12-06T10:04:00.200Z');
    expect(secondsToNextInject({ nextInjectAt: '2026-12-06T10:05:00Z' }, now)).toBe(60);
    expect(secondsToNextInject({ nextInjectAt: '2026-12-06T10:03:00Z' }, now)).toBe(0);
    expect(secondsToNextInject({ nextInjectAt: null }, now)).toBeNull();
  });
});

describe('scorecard wording', () => {
  it('compares in words, lower or higher being better as the measure says', () => {
    expect(compareMeasure(60, 90, true)).toBe('better');
    expect(compareMeasure(120, 90, true)).toBe('worse');
    expect(compareMeasure(90, 90, true)).toBe('same');
    expect(compareMeasure(3, 5, false)).toBe('worse');
    expect(compareMeasure(null, 90, true)).toBe('worse');
    expect(compareMeasure(60, null, true)).toBeNull();
  });

  it('formats each unit, and a figure that never happened', () => {
    expect(formatMeasure(95, 'seconds')).toBe('1 min 35 s');
    expect(formatMeasure(null, 'seconds')).toBe('never');
    expect(formatMeasure(2, 'count')).toBe('2');
    expect(formatMeasure(3600, 'seconds')).toBe('1 h');
    expect(formatMeasure(3900, 'seconds')).toBe('1 h 5 min');
    expect(formatMeasure(66.6, 'percent')).toBe('67 %');
  });

  it('names the device or contact method to fix', () => {
    expect(failedPageLine({ name: 'Ada', channel: 'push', target: 'Pixel', error: '410 gone' })).toBe("fix: Ada's Pixel — 410 gone");
    expect(failedPageLine({ name: 'Ada', channel: 'email', target: 'ada@example.com', error: null })).toBe("fix: Ada's email ada@example.com");
    expect(failedPageLine({ name: 'Ada', channel: 'ntfy', target: 'ntfy', error: '403' })).toBe("fix: Ada's ntfy — 403");
    expect(failedPageLine({ name: 'Bob', channel: 'push', target: 'no registered device', error: null })).toBe('fix: Bob has no registered device');
  });
});
