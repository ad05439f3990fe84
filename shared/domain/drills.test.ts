import { describe, expect, it } from 'vitest';
import {
  drillControlProblem,
  drillControls,
  drillStepRecipients,
  drillTemplates,
  findDrillTemplate,
  injectDueAt,
  injectKinds,
  injectsProblem,
  maxInjectAfterSeconds,
  maxInjects,
  maxInjectTextLength,
  scenarioDurationSeconds,
  sortInjects,
  type DrillInject,
} from './drills';
import { severities } from './severity';

const note = (afterSeconds: number, text = `at ${afterSeconds}`): DrillInject => ({ afterSeconds, kind: 'note', text });

describe('sortInjects', () => {
  it('orders by afterSeconds and keeps the written order at the same second', () => {
    const sorted = sortInjects([note(600), note(0, 'first'), note(120), note(0, 'second')]);
    expect(sorted.map((inject) => inject.text)).toEqual(['first', 'second', 'at 120', 'at 600']);
  });

  it('leaves its input alone', () => {
    const injects = [note(5), note(1)];
    sortInjects(injects);
    expect(injects.map((inject) => inject.afterSeconds)).toEqual([5, 1]);
  });
});

describe('scenarioDurationSeconds', () => {
  it('is the last inject, whatever the order, and 0 for none', () => {
    expect(scenarioDurationSeconds([note(600), note(0), note(120)])).toBe(600);
    expect(scenarioDurationSeconds([note(0)])).toBe(0);
    expect(scenarioDurationSeconds([])).toBe(0);
  });
});

describe('injectsProblem', () => {
  it('accepts the limits themselves', () => {
    const full = Array.from({ length: maxInjects }, (_, index) => note(index === 0 ? maxInjectAfterSeconds : 0, 'x'.repeat(maxInjectTextLength)));
    expect(injectsProblem(full)).toBeNull();
  });

  it('names what is wrong, with the inject index', () => {
    expect(injectsProblem([])).toBe('injects: give at least one inject');
    expect(injectsProblem(Array.from({ length: maxInjects + 1 }, () => note(0)))).toBe(`injects: at most ${maxInjects} injects`);
    expect(injectsProblem([note(0), note(maxInjectAfterSeconds + 1)])).toMatch(/^injects\.1\.afterSeconds: /);
    expect(injectsProblem([note(-1)])).toMatch(/^injects\.0\.afterSeconds: /);
    expect(injectsProblem([note(1.5)])).toMatch(/^injects\.0\.afterSeconds: /);
    expect(injectsProblem([{ afterSeconds: 0, kind: 'page' as never, text: 'x' }])).toBe(`injects.0.kind: must be one of ${injectKinds.join(', ')}`);
    expect(injectsProblem([note(0, '  ')])).toBe('injects.0.text: must not be empty');
    expect(injectsProblem([note(0, 'x'.repeat(maxInjectTextLength + 1))])).toBe(`injects.0.text: must be at most ${maxInjectTextLength} characters`);
  });
});

describe('built-in templates', () => {
  it('are the four stories, with unique ids found by id', () => {
    expect(drillTemplates.map((template) => template.id)).toEqual(['database-outage', 'bad-deploy', 'certificate-expiry', 'dependency-down']);
    expect(findDrillTemplate('bad-deploy')?.name).toBe('Bad deploy');
    expect(findDrillTemplate('no-such-template')).toBeUndefined();
  });

  it.each(drillTemplates.map((template) => [template.id, template] as const))('%s is a valid 3–5 inject story, sorted, starting with an alert and ending with a resolve signal', (_, template) => {
    expect(template.injects.length).toBeGreaterThanOrEqual(3);
    expect(template.injects.length).toBeLessThanOrEqual(5);
    expect(injectsProblem(template.injects)).toBeNull();
    expect(sortInjects(template.injects)).toEqual(template.injects);
    expect(template.injects[0]).toMatchObject({ afterSeconds: 0, kind: 'alert' });
    expect(template.injects.at(-1)?.kind).toBe('resolve-signal');
    expect(severities).toContain(template.severity);
    expect(template.title.length).toBeGreaterThan(0);
    // The product adds DRILL to every title it sends; a template saying it too would read "DRILL DRILL".
    expect(template.title).not.toMatch(/drill/i);
    expect(template.description.length).toBeGreaterThan(0);
  });

  it('the database outage tells the story from the issue', () => {
    const { injects } = findDrillTemplate('database-outage')!;
    expect(injects[0]).toEqual({ afterSeconds: 0, kind: 'alert', text: expect.stringContaining('checkout error rate 40 %') });
    expect(injects[1]).toMatchObject({ afterSeconds: 120, text: expect.stringContaining('replica lag') });
    expect(scenarioDurationSeconds(injects)).toBe(600);
  });
});

describe('drillControlProblem', () => {
  it('allows each control only where it makes sense, and says why not', () => {
    expect(drillControlProblem('running', 'pause', 3)).toBeNull();
    expect(drillControlProblem('paused', 'pause', 3)).toBe('the drill is already paused');
    expect(drillControlProblem('scheduled', 'pause', 3)).toBe('the drill has not started yet');
    expect(drillControlProblem('paused', 'resume', 3)).toBeNull();
    expect(drillControlProblem('running', 'resume', 3)).toBe('the drill is not paused');
    expect(drillControlProblem('scheduled', 'resume', 3)).toBe('the drill is not paused');
    expect(drillControlProblem('running', 'advance', 1)).toBeNull();
    expect(drillControlProblem('paused', 'advance', 1)).toBeNull();
    expect(drillControlProblem('running', 'advance', 0)).toBe('every inject has already been delivered');
    expect(drillControlProblem('scheduled', 'advance', 3)).toBe('the drill has not started yet');
    for (const status of ['scheduled', 'running', 'paused'] as const) expect(drillControlProblem(status, 'abort', 0)).toBeNull();
  });

  it('refuses everything on a drill that is over', () => {
    for (const status of ['finished', 'aborted'] as const)
      for (const control of drillControls) expect(drillControlProblem(status, control, 2)).toBe(`the drill is already ${status}`);
  });
});

describe('injectDueAt', () => {
  it('is the start plus the inject offset plus the shift from pauses and advances', () => {
    const start = new Date('2026-03-02T03:00:00Z');
    expect(injectDueAt(start, 0, 0).toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(injectDueAt(start, 0, 120).toISOString()).toBe('2026-03-02T03:02:00.000Z');
    expect(injectDueAt(start, 3_600_000, 120).toISOString()).toBe('2026-03-02T04:02:00.000Z');
    expect(injectDueAt(start, -90_000, 120).toISOString()).toBe('2026-03-02T03:00:30.000Z');
  });
});

describe('drillStepRecipients', () => {
  it('pages the step as it is for a drill of the whole chain', () => {
    expect(drillStepRecipients(['ada', 'bob'], null)).toEqual(['ada', 'bob']);
    expect(drillStepRecipients([], null)).toEqual([]);
  });

  it('pages the participants the step reaches, in step order, or every participant when it reaches none', () => {
    expect(drillStepRecipients(['ada', 'bob', 'cy'], ['cy', 'ada'])).toEqual(['ada', 'cy']);
    expect(drillStepRecipients(['ada'], ['bob', 'cy'])).toEqual(['bob', 'cy']);
    expect(drillStepRecipients([], ['bob'])).toEqual(['bob']);
  });

  it('returns a fresh list the caller may change', () => {
    const participants = ['bob'];
    drillStepRecipients(['ada'], participants).push('eve');
    expect(participants).toEqual(['bob']);
  });
});
