import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/incidents';
import { incidentDetail } from '../testing/fixtures';
import { incidentRunbook } from '../testing/runbook';
import type { OutboxCommand } from './db';
import { applyCommand, incidentCommand, project } from './optimistic';

const ada: Actor = { type: 'user', id: 'u-ada', name: 'Ada Lovelace' };
let sequence = 0;
function tick(index: number, done: boolean, incidentId = 'inc-7'): OutboxCommand {
  sequence += 1;
  return { ...incidentCommand(incidentId, { kind: 'runbook-step', index, done }), id: `s${sequence}`, createdAt: `2026-03-02T03:0${sequence}:00.000Z` };
}

describe('optimistic runbook steps', () => {
  it('queues POST …/runbook-steps {index, done} for the incident', () => {
    expect(incidentCommand('i/1', { kind: 'runbook-step', index: 2, done: true })).toEqual({
      method: 'POST',
      path: '/api/v1/incidents/i%2F1/runbook-steps',
      kind: 'runbook-step',
      incidentId: 'i/1',
      body: { index: 2, done: true },
    });
  });

  it('ticks the step at once with who and when, and shows it on the timeline', () => {
    const command = tick(2, true);
    const shown = applyCommand(incidentDetail({ runbook: incidentRunbook() }), command, ada)!;
    expect(shown.runbook!.steps[2]).toEqual({ index: 2, label: 'Roll back the last deploy', done: true, by: { id: 'u-ada', name: 'Ada Lovelace' }, at: command.createdAt });
    expect(shown.runbook!.steps[0].done).toBe(false);
    expect(shown.timeline.at(-1)).toEqual({ id: command.id, type: 'runbook_step', at: command.createdAt, actor: ada, data: { index: 2, label: 'Roll back the last deploy', done: true } });
  });

  it('refuses a tick the server would refuse: no runbook, or no such step', () => {
    expect(applyCommand(incidentDetail({ runbook: null }), tick(0, true), ada)).toBeNull();
    expect(applyCommand(incidentDetail({ runbook: incidentRunbook() }), tick(3, true), ada)).toBeNull();
  });

  it('a tick to the state shown changes nothing, like the server; list summaries are left alone', () => {
    const incident = incidentDetail({ runbook: incidentRunbook() });
    expect(applyCommand(incident, tick(1, true), ada)).toBe(incident);
    const { timeline: _timeline, runbook: _runbook, ...summary } = incident;
    expect(applyCommand(summary, tick(0, true), ada)).toBe(summary);
  });

  it('applies waiting ticks in order: ticked, unticked, ticked again', () => {
    const shown = project(incidentDetail({ runbook: incidentRunbook() }), [tick(0, true), tick(0, false), tick(2, true), tick(0, true, 'other')], ada);
    expect(shown.runbook!.steps.map((step) => step.done)).toEqual([false, true, true]);
    expect(shown.timeline.filter((event) => event.type === 'runbook_step').map((event) => event.data.done)).toEqual([true, false, true]);
  });
});
