import { describe, expect, it } from 'vitest';
import {
  comparedWith,
  drillMeasures,
  drillScore,
  drillScoreBreakdown,
  linearPoints,
  previousAndBest,
  runbookPercent,
  statusUpdateBarMinutes,
  type DrillFigures,
  type DrillScoreInput,
} from './drill-score';

const perfect: DrillScoreInput = {
  acknowledgedSeconds: 60,
  commanderSeconds: 120,
  firstStatusUpdateSeconds: 600,
  statusUpdateBarMinutes: 30,
  runbookSteps: { done: 4, total: 4 },
  failedPages: 0,
};

const points = (input: DrillScoreInput) => Object.fromEntries(drillScoreBreakdown(input).map((part) => [part.part, part.points]));

describe('drill score', () => {
  it('gives 100 for a drill that did everything in time', () => {
    expect(drillScore(perfect)).toBe(100);
    expect(drillScoreBreakdown(perfect).map((part) => part.maxPoints)).toEqual([30, 20, 20, 15, 15]);
  });

  it('gives full points up to the bar, none from the zero point, and a straight line between', () => {
    expect(linearPoints(300, 30, 300, 1800)).toBe(30);
    expect(linearPoints(1050, 30, 300, 1800)).toBe(15);
    expect(linearPoints(1800, 30, 300, 1800)).toBe(0);
    expect(linearPoints(5000, 30, 300, 1800)).toBe(0);
    expect(linearPoints(null, 30, 300, 1800)).toBe(0);
  });

  it('scores a slow drill part by part (hand-computed)', () => {
    // Acknowledged at 10 min: 30 × (30 − 10) / (30 − 5) = 24. Commander at 20 min: 20 × (30 − 20) / (30 − 10) = 10.
    // First update at 45 min against a 30 min bar: 20 × (60 − 45) / (60 − 30) = 10. Runbook 1 of 3: 5. Two failed pages: 5.
    const slow: DrillScoreInput = {
      acknowledgedSeconds: 600,
      commanderSeconds: 1200,
      firstStatusUpdateSeconds: 2700,
      statusUpdateBarMinutes: 30,
      runbookSteps: { done: 1, total: 3 },
      failedPages: 2,
    };
    expect(points(slow)).toEqual({ acknowledged: 24, commander: 10, firstStatusUpdate: 10, runbookSteps: 5, failedPages: 5 });
    expect(drillScore(slow)).toBe(54);
  });

  it('gives nothing for what never happened, and rounds the sum', () => {
    const nothing: DrillScoreInput = { ...perfect, acknowledgedSeconds: null, commanderSeconds: null, firstStatusUpdateSeconds: null, failedPages: 4 };
    // Only the runbook's 15 is left; failed pages bottom out at 0, never below.
    expect(points(nothing)).toMatchObject({ failedPages: 0 });
    expect(drillScore(nothing)).toBe(15);
    // Acknowledged at 6 min: 30 × 24 / 25 = 28.8; runbook 2 of 3: 10; the rest full: 28.8 + 20 + 20 + 10 + 15 = 93.8 → 94.
    expect(drillScore({ ...perfect, acknowledgedSeconds: 360, runbookSteps: { done: 2, total: 3 } })).toBe(94);
  });

  it('gives the runbook part in full when there are no steps to do', () => {
    expect(points({ ...perfect, runbookSteps: { done: 0, total: 0 } }).runbookSteps).toBe(15);
    expect(points({ ...perfect, runbookSteps: { done: 0, total: 5 } }).runbookSteps).toBe(0);
  });

  it('measures the first status update against the severity’s default cadence, an hour for SEV-3 and SEV-4', () => {
    expect(statusUpdateBarMinutes('SEV-1')).toBe(30);
    expect(statusUpdateBarMinutes('SEV-2')).toBe(60);
    expect(statusUpdateBarMinutes('SEV-3')).toBe(60);
    expect(statusUpdateBarMinutes('SEV-4')).toBe(60);
    // 90 min against a 60 min bar: halfway to 120 min, so 10 of 20.
    expect(points({ ...perfect, firstStatusUpdateSeconds: 5400, statusUpdateBarMinutes: 60 }).firstStatusUpdate).toBe(10);
  });
});

describe('comparing with earlier drills', () => {
  it('takes the latest earlier drill as previous and the best of all of them', () => {
    expect(previousAndBest([300, 120, 240], true)).toEqual({ previous: 240, best: 120 });
    expect(previousAndBest([50, 100, 67], false)).toEqual({ previous: 67, best: 100 });
    expect(previousAndBest([], true)).toEqual({ previous: null, best: null });
  });

  it('keeps previous null when the latest drill lacked the figure, and finds best among those that had it', () => {
    expect(previousAndBest([180, null], true)).toEqual({ previous: null, best: 180 });
    expect(previousAndBest([null, null], true)).toEqual({ previous: null, best: null });
  });

  it('builds every measure with its definition', () => {
    const figures = (values: Partial<DrillFigures>): DrillFigures => ({
      firstPageDelivered: 1,
      acknowledged: 180,
      commanderAssigned: 240,
      firstStatusUpdate: 540,
      runbookSteps: 67,
      escalations: 0,
      failedPages: 1,
      ...values,
    });
    const measures = drillMeasures(figures({ acknowledged: 600, runbookSteps: 100, escalations: 1 }), [figures({ acknowledged: 120 }), figures({})]);
    expect(measures.map((m) => m.key)).toEqual(['firstPageDelivered', 'acknowledged', 'commanderAssigned', 'firstStatusUpdate', 'runbookSteps', 'escalations', 'failedPages']);
    expect(measures[1]).toEqual({ key: 'acknowledged', label: 'Time to acknowledge', unit: 'seconds', lowerIsBetter: true, value: 600, previous: 180, best: 120 });
    expect(measures[4]).toMatchObject({ unit: 'percent', lowerIsBetter: false, value: 100, previous: 67, best: 67 });
    expect(measures[5]).toMatchObject({ unit: 'count', value: 1, previous: 0, best: 0 });
  });

  it('says how a figure compares with another drill’s, a time that never came being the worst', () => {
    const time = { lowerIsBetter: true, unit: 'seconds' } as const;
    const percent = { lowerIsBetter: false, unit: 'percent' } as const;
    expect(comparedWith(time, 60, 120)).toBe('better');
    expect(comparedWith(time, 180, 120)).toBe('worse');
    expect(comparedWith(time, 60, 60)).toBe('same');
    expect(comparedWith(percent, 60, 100)).toBe('worse');
    expect(comparedWith(time, null, 540)).toBe('worse');
    expect(comparedWith(time, 540, null)).toBe('better');
    expect(comparedWith(time, null, null)).toBe('same');
    expect(comparedWith(percent, null, 67)).toBeNull();
    expect(comparedWith(percent, null, null)).toBeNull();
  });

  it('words runbook progress as a whole percentage, none without steps', () => {
    expect(runbookPercent({ done: 2, total: 3 })).toBe(67);
    expect(runbookPercent({ done: 3, total: 3 })).toBe(100);
    expect(runbookPercent({ done: 0, total: 0 })).toBeNull();
  });
});
