import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/api/incidents';
import { describeEvent } from './timeline-wording';

const event = (type: TimelineEvent['type'], data: Record<string, unknown> = {}): TimelineEvent => ({
  id: 'e1',
  type,
  at: '2026-03-02T03:00:00Z',
  actor: { type: 'user', id: 'u1', name: 'Ada' },
  data,
});

describe('describeEvent', () => {
  it('puts the actor first in plain words', () => {
    expect(describeEvent(event('acknowledged', { from: 'triggered' }))).toEqual({ headline: 'Ada acknowledged' });
    expect(describeEvent(event('resolved')).headline).toBe('Ada resolved');
    expect(describeEvent(event('triggered', { severity: 'SEV-2' })).headline).toBe('Ada triggered the incident as SEV-2');
  });

  it('shows a severity change as old → new', () => {
    expect(describeEvent(event('severity_changed', { from: 'SEV-3', to: 'SEV-1' })).headline).toBe(
      'Ada changed severity SEV-3 → SEV-1',
    );
  });

  it('carries the note text and title change as the body', () => {
    expect(describeEvent(event('note', { text: 'DB failover started' }))).toEqual({
      headline: 'Ada added a note',
      body: 'DB failover started',
    });
    expect(describeEvent(event('title_changed', { from: 'Slow', to: 'Down' })).body).toBe('“Slow” → “Down”');
  });

  it('words what the paging engine recorded', () => {
    const headline = (type: TimelineEvent['type'], data: Record<string, unknown>) => describeEvent(event(type, data)).headline;
    expect(headline('step_reached', { step: 2, of: 3, users: ['Ada', 'Bob'] })).toBe('Step 2 of 3: paging Ada, Bob');
    expect(headline('step_reached', { step: 1, of: 1, users: [] })).toBe('Step 1 of 1: nobody is on call to page');
    expect(headline('paged', { user: 'Bob', repage: true })).toBe('Re-paged Bob');
    expect(headline('page_delivered', { user: 'Bob', device: 'Pixel 8' })).toBe("Page delivered to Bob's Pixel 8");
    expect(headline('escalation_exhausted', {})).toBe('Escalation exhausted: nobody acknowledged');
    // Contact methods: the channel, and the receiver's status where it answered.
    expect(headline('paged', { user: 'Bob', channel: 'push', repage: false })).toBe('Paged Bob');
    expect(headline('paged', { user: 'Bob', channel: 'email', repage: false })).toBe('Paged Bob by email');
    expect(describeEvent(event('page_delivered', { user: 'Bob', channel: 'ntfy', method: 'ntfy.sh · bob' }))).toEqual({ headline: 'Page delivered to Bob by ntfy', body: 'ntfy.sh · bob' });
    expect(describeEvent(event('page_failed', { user: 'Bob', channel: 'ntfy', status: 401, reason: 'ntfy answered 401' }))).toEqual({
      headline: 'ntfy to Bob failed: 401',
      body: 'ntfy answered 401',
    });
    expect(headline('page_failed', { user: 'Bob', channel: 'email', reason: 'the mail server refused dana@example.com' })).toBe(
      'email to Bob failed: the mail server refused dana@example.com',
    );
    expect(describeEvent(event('user_unreachable', { user: 'Cy', step: 2, reason: 'no registered devices' }))).toEqual({
      headline: 'Could not reach Cy at step 2',
      body: 'no registered devices',
    });
    expect(describeEvent(event('step_unreachable', { step: 1, of: 2, last: false }))).toEqual({
      headline: 'Step 1 of 2: nobody could be reached',
      body: 'Nobody at this step has a way to be paged: paging the next step at once.',
    });
  });

  it('names the monitoring tool that added or resolved an alert', () => {
    const fromTool = (type: TimelineEvent['type'], name: string, summary: string): TimelineEvent => ({
      ...event(type, { summary, dedupKey: 'k1' }),
      actor: { type: 'integration', id: null, name },
    });
    expect(describeEvent(fromTool('alert_added', 'Alertmanager', 'HighErrorRate on checkout'))).toEqual({
      headline: 'Alertmanager added alert “HighErrorRate on checkout”',
    });
    expect(describeEvent(fromTool('alert_resolved', 'Grafana', 'Disk 95 % full')).headline).toBe('Grafana resolved alert “Disk 95 % full”');
    expect(describeEvent(fromTool('triggered', 'Events API', '')).headline).toBe('Events API triggered the incident');
  });

  it('words the review and linked incidents', () => {
    expect(describeEvent(event('review_completed', { phase: { from: 'recovery', to: 'review' } }))).toEqual({ headline: 'Ada completed the post-incident review' });
    expect(describeEvent(event('review_reopened')).headline).toBe('Ada reopened the post-incident review');
    expect(describeEvent(event('incident_linked', { number: 7, title: 'Gateway timeouts', kind: 'same-cause' }))).toEqual({
      headline: 'Ada linked #7 as having the same cause',
      body: 'Gateway timeouts',
    });
    expect(describeEvent(event('incident_linked', { number: 8, title: 'x', kind: 'related' })).headline).toBe('Ada linked #8 as related');
    expect(describeEvent(event('incident_unlinked', { number: 7, title: 'Gateway timeouts' })).headline).toBe('Ada unlinked #7');
  });

  it('says who ticked or unticked which runbook step (numbered from 1 for people), with its text', () => {
    expect(describeEvent(event('runbook_step', { index: 0, label: 'Check the error rate', done: true }))).toEqual({
      headline: 'Ada ticked runbook step 1',
      body: 'Check the error rate',
    });
    expect(describeEvent(event('runbook_step', { index: 2, label: 'Roll back', done: false })).headline).toBe('Ada unticked runbook step 3');
  });

  it('words role changes, checklist ticks and added responders', () => {
    const ada = { id: 'u1', name: 'Ada' };
    const bob = { id: 'u2', name: 'Bob' };
    const headline = (type: TimelineEvent['type'], data: Record<string, unknown>) => describeEvent(event(type, data)).headline;
    expect(headline('role_changed', { role: 'commander', from: ada, to: bob })).toBe('Ada handed command to Bob');
    expect(headline('role_changed', { role: 'commander', from: null, to: ada })).toBe('Ada took command');
    expect(headline('role_changed', { role: 'commander', from: bob, to: ada })).toBe('Ada took command from Bob');
    expect(headline('role_changed', { role: 'scribe', from: null, to: bob })).toBe('Ada made Bob Scribe');
    expect(headline('role_changed', { role: 'communications', from: bob, to: null })).toBe('Ada removed Bob as Communications Lead');
    expect(headline('role_changed', { role: 'experts', added: [bob], removed: [] })).toBe('Ada added Bob as Subject Matter Expert');
    expect(describeEvent(event('checklist_ticked', { role: 'commander', item: 'size-up', label: 'Size up the situation', done: true }))).toEqual({
      headline: 'Ada ticked “Size up the situation”',
      body: 'Incident Commander checklist',
    });
    expect(headline('responders_added', { users: [bob], via: { type: 'user', ...bob } })).toBe('Ada paged Bob into the incident');
    expect(headline('responders_added', { users: [bob], via: { type: 'schedule', id: 's1', name: 'Database' } })).toBe('Ada paged Bob (on call for Database) into the incident');
  });

  it('says whom a reassigned incident pages now, how long a snooze lasts, and when paging starts over', () => {
    const headline = (type: TimelineEvent['type'], data: Record<string, unknown>) => describeEvent(event(type, data)).headline;
    expect(describeEvent(event('reassigned', { to: { type: 'user', id: 'u2', name: 'Bob' }, from: 'triggered' }))).toEqual({
      headline: 'Ada reassigned the incident to Bob',
    });
    expect(describeEvent(event('reassigned', { to: { type: 'policy', id: 'p1', name: 'Database' }, from: 'acknowledged' }))).toEqual({
      headline: 'Ada reassigned the incident to escalation policy Database',
      body: 'Triggered again: paging starts over until the new assignee acknowledges.',
    });
    // Still waiting in the outbox: only the id is known.
    expect(headline('reassigned', { to: { type: 'user', id: 'u2' } })).toBe('Ada reassigned the incident to someone else');
    const today = new Date();
    const until = new Date(today.getFullYear(), today.getMonth(), today.getDate(), 14, 30).toISOString();
    expect(headline('snoozed', { minutes: 60, until })).toMatch(/^Ada snoozed for 1 h until (14.30|02.30 PM)$/);
    expect(headline('snoozed', { minutes: 15, until })).toMatch(/^Ada snoozed for 15 min until/);
    expect(describeEvent({ ...event('snooze_ended'), actor: { type: 'system', id: null, name: 'Muster' } }).headline).toBe('Snooze over: triggered again, paging from step 1');
    expect(describeEvent(event('reopened', { from: 'resolved' }))).toEqual({ headline: 'Ada reopened the incident', body: 'Triggered again: paging starts over from step 1.' });
  });

  it('words status updates and their reminders', () => {
    expect(describeEvent(event('status_update', { text: 'Rolled back.', audience: 'stakeholders' }))).toEqual({ headline: 'Ada posted a status update for stakeholders', body: 'Rolled back.' });
    expect(describeEvent(event('status_update', { text: 'Deploy suspect.', audience: 'internal' })).headline).toBe('Ada posted a status update for the response team');
    expect(describeEvent(event('update_reminder', { userId: 'u-bob', name: 'Bob', minutes: 30 })).headline).toBe('Reminded Bob to post a status update (none for 30 min)');
    expect(describeEvent(event('update_reminder', { userId: null, name: null, minutes: 60 })).headline).toBe('No status update for 60 min, and nobody to remind');
  });

  it('words phase moves, mitigation and corrected times', () => {
    expect(describeEvent(event('phase_changed', { from: 'review', to: 'closed' })).headline).toBe('Ada moved the incident from Post-incident review to Closed');
    expect(describeEvent(event('mitigated', { at: '2026-03-02T03:00:00.000Z', phase: { from: 'response', to: 'resolution' } })).headline).toBe(
      'Ada marked the incident mitigated · now in Resolution',
    );
    expect(describeEvent(event('mitigated', { at: '2026-03-02T03:00:00.000Z' })).headline).toBe('Ada marked the incident mitigated');
    const corrected = describeEvent(event('timestamp_corrected', { field: 'startedAt', from: '2026-03-02T03:00:00.000Z', to: '2026-03-02T02:40:00.000Z' }));
    expect(corrected.headline).toBe('Ada corrected when the impact started');
    expect(corrected.body).toMatch(/^\D+\d.*\d\d:\d\d\D* → \D+\d.*\d\d:\d\d\D*$/);
    expect(describeEvent(event('timestamp_corrected', { field: 'mitigatedAt', from: null, to: '2026-03-02T02:40:00.000Z' })).body).toMatch(/^not set → /);
  });

  it('words a drill inject with its text and kind, and the facilitator steering the drill', () => {
    expect(describeEvent(event('drill_inject', { index: 1, of: 5, kind: 'alert', text: 'replica lag alert' }))).toEqual({
      headline: 'Drill inject: replica lag alert',
      body: 'Alert · inject 2 of 5',
    });
    expect(describeEvent(event('drill_inject', { index: 3, of: 5, kind: 'escalate', text: 'Nobody took command', escalated: true })).body).toBe(
      'Escalate · inject 4 of 5 · paged the next step',
    );
    expect(describeEvent(event('drill_inject', { index: 3, of: 5, kind: 'escalate', text: 'x', escalated: false })).body).toMatch(/already acknowledged$/);
    expect(describeEvent(event('drill_control', { control: 'pause' })).headline).toBe('Ada paused the drill');
    expect(describeEvent(event('drill_control', { control: 'resume', pausedSeconds: 180 })).headline).toBe('Ada resumed the drill after 3 min paused');
    expect(describeEvent(event('drill_control', { control: 'advance', index: 2 })).headline).toBe('Ada advanced the drill to inject 3');
    expect(describeEvent(event('drill_control', { control: 'abort' })).headline).toBe('Ada aborted the drill');
  });
});
