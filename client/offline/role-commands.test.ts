import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/incidents';
import { incidentDetail } from '../testing/fixtures';
import type { OutboxCommand } from './db';
import { applyCommand, incidentCommand, project, type IncidentCommandInput } from './optimistic';

const ada: Actor = { type: 'user', id: 'u-ada', name: 'Ada Lovelace' };
const bob = { id: 'u-bob', name: 'Bob Noyce' };
let sequence = 0;
function queued(input: IncidentCommandInput): OutboxCommand {
  sequence += 1;
  return { ...incidentCommand('inc-7', input), id: `c${sequence}`, createdAt: `2026-03-02T03:0${sequence}:00.000Z` };
}

describe('optimistic role, checklist and responder commands', () => {
  it('builds the REST calls; names ride along for display but are not sent', () => {
    expect(incidentCommand('inc-7', { kind: 'roles', change: { scribe: bob.id }, names: { [bob.id]: bob.name } })).toEqual({
      method: 'PUT',
      path: '/api/v1/incidents/inc-7/roles',
      kind: 'roles',
      incidentId: 'inc-7',
      body: { scribe: bob.id },
      names: { [bob.id]: bob.name },
    });
    expect(incidentCommand('inc-7', { kind: 'checklist', role: 'scribe', item: 'capture-decisions', done: true })).toMatchObject({
      method: 'POST',
      path: '/api/v1/incidents/inc-7/checklist',
      body: { role: 'scribe', item: 'capture-decisions', done: true },
    });
    expect(incidentCommand('inc-7', { kind: 'responders', target: { scheduleId: 's1' } })).toMatchObject({ method: 'POST', path: '/api/v1/incidents/inc-7/responders', body: { scheduleId: 's1' } });
  });

  it('shows taking command and a new scribe at once, each change on the timeline, in order', () => {
    const take = queued({ kind: 'roles', change: { commander: ada.id! }, names: { [ada.id!]: ada.name } });
    const scribe = queued({ kind: 'roles', change: { scribe: bob.id, experts: [bob.id] }, names: { [bob.id]: bob.name } });
    const shown = project(incidentDetail(), [take, scribe], ada);
    expect(shown.roles).toEqual({ commander: { id: ada.id, name: ada.name }, communications: null, scribe: bob, experts: [bob] });
    const events = shown.timeline.slice(1);
    expect(events.map((event) => [event.id, event.type, event.data])).toEqual([
      [take.id, 'role_changed', { role: 'commander', from: null, to: { id: ada.id, name: ada.name } }],
      [scribe.id, 'role_changed', { role: 'scribe', from: null, to: bob }],
      [`${scribe.id}:1`, 'role_changed', { role: 'experts', added: [bob], removed: [] }],
    ]);
  });

  it('a handoff keeps the old holder named; a change to what is already so shows nothing new', () => {
    const incident = incidentDetail({ roles: { commander: { id: ada.id!, name: ada.name }, communications: null, scribe: null, experts: [] } });
    const handoff = applyCommand(incident, queued({ kind: 'roles', change: { commander: bob.id }, names: { [bob.id]: bob.name } }), ada)!;
    expect(handoff.timeline.at(-1)!.data).toEqual({ role: 'commander', from: { id: ada.id, name: ada.name }, to: bob });
    const same = queued({ kind: 'roles', change: { commander: ada.id! }, names: {} });
    expect(applyCommand(incident, same, ada)).toBe(incident);
  });

  it('ticks and unticks checklist items by the shared rules, ignoring unknown items', () => {
    const tick = queued({ kind: 'checklist', role: 'commander', item: 'size-up', done: true });
    const shown = applyCommand(incidentDetail(), tick, ada)!;
    expect(shown.checklist).toEqual(['commander:size-up']);
    expect(shown.timeline.at(-1)).toMatchObject({ type: 'checklist_ticked', data: { role: 'commander', item: 'size-up', label: 'Size up the situation', done: true } });
    const untick = queued({ kind: 'checklist', role: 'commander', item: 'size-up', done: false });
    expect(applyCommand(shown, untick, ada)!.checklist).toEqual([]);
    const unknown = queued({ kind: 'checklist', role: 'scribe', item: 'size-up', done: true });
    const incident = incidentDetail();
    expect(applyCommand(incident, unknown, ada)).toBe(incident);
  });

  it('shows added responders only once the server has paged them', () => {
    const incident = incidentDetail();
    expect(applyCommand(incident, queued({ kind: 'responders', target: { userId: bob.id } }), ada)).toBe(incident);
  });
});
