import { inArray } from 'drizzle-orm';
import { drillStepRecipients } from '../../shared/domain/drills';
import { drillParticipantsOf } from '../db/stores/drills';
import { whyMayNotAct } from '../../shared/api/common';
import type { EscalationStep, NotificationRule } from '../../shared/api/paging';
import type { Tx } from '../db/client';
import { rulesOfUsers } from '../db/stores/notification-rules';
import { reachabilityOf } from '../db/stores/reachability';
import { onCallAnswer } from '../db/stores/schedules';

export interface PagedUser {
  id: string;
  name: string;
  rules: NotificationRule[];
  /** Has a way for a page to reach them (see reachability.ts); a step nobody can be reached by moves on at once. */
  reachable: boolean;
}

/** A target left out because they may not act on incidents; the step says so on the timeline. */
export interface SkippedUser {
  id: string;
  name: string;
  reason: string;
}

export interface StepRecipients {
  paged: PagedUser[];
  skipped: SkippedUser[];
}

/**
 * Resolves step targets to the users to page, with their notification rules, and the users left
 * out: a policy saved before viewers were refused as targets, a user demoted or deactivated since,
 * or a viewer a schedule puts on call. Demotion is allowed rather than refused while a policy
 * names the user, because taking rights away must work at once; the timeline shows the gap. One
 * resolver serves one engine run: under an alert storm many incidents page the same
 * schedule, so each schedule's answer is reused until its next change and each user is
 * looked up once. It queries through `tx`, so it must not outlive that transaction.
 */
export function targetResolver(tx: Tx) {
  const schedules = new Map<string, { userIds: string[]; validUntil: number }>();
  const known = new Map<string, PagedUser | SkippedUser | null>();

  async function onCall(scheduleId: string, now: Date): Promise<string[]> {
    const cached = schedules.get(scheduleId);
    if (cached && now.getTime() < cached.validUntil) return cached.userIds;
    const answer = await onCallAnswer(tx, scheduleId, now);
    schedules.set(scheduleId, answer);
    return answer.userIds;
  }

  async function lookUp(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length === 0) return;
    const { users } = tx.t;
    const rules = await rulesOfUsers(tx, missing);
    const reach = await reachabilityOf(tx, missing, rules);
    const found = await tx
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(inArray(users.id, missing));
    // A deleted user stays null: there is nobody left to name on the timeline.
    for (const id of missing) known.set(id, null);
    for (const { id, name, ...rights } of found) {
      const whyNot = whyMayNotAct(rights);
      known.set(id, whyNot ? { id, name, reason: `not paged: ${name} ${whyNot}` } : { id, name, rules: rules.get(id)!, reachable: reach.get(id)!.reachable });
    }
  }

  /** A drill's participant list per incident (null: a real incident, or a drill of the whole chain). */
  const participants = new Map<string, string[] | null>();
  async function loadParticipants(incidentIds: string[]): Promise<void> {
    const missing = incidentIds.filter((id) => !participants.has(id));
    if (missing.length === 0) return;
    const found = await drillParticipantsOf(tx, missing);
    for (const id of missing) participants.set(id, found.get(id) ?? null);
  }

  /**
   * Named users plus whoever each schedule puts on call at `now`; each user once, in target order. For an
   * escalation step (`stepOf` its incident) of a drill with participants, only participants (see
   * drillStepRecipients); people paged by name into an incident are paged whoever they are.
   */
  async function resolve(targets: EscalationStep['targets'], now: Date, stepOf?: string): Promise<StepRecipients> {
    const targetIds: string[] = [];
    for (const target of targets) targetIds.push(...(target.type === 'user' ? [target.id] : await onCall(target.id, now)));
    let ids = [...new Set(targetIds)];
    if (stepOf !== undefined) {
      await loadParticipants([stepOf]);
      ids = drillStepRecipients(ids, participants.get(stepOf)!);
    }
    await lookUp(ids);
    const recipients: StepRecipients = { paged: [], skipped: [] };
    for (const user of ids.map((id) => known.get(id))) {
      if (user && 'rules' in user) recipients.paged.push(user);
      else if (user) recipients.skipped.push(user);
    }
    return recipients;
  }
  /** Loads a whole batch's drill participants in one query (an alert storm escalates hundreds at once). */
  resolve.preload = loadParticipants;
  /** An incident known to be real (just opened without a drill) needs no lookup: the ingest path stays one query shorter. */
  resolve.isReal = (incidentId: string) => participants.set(incidentId, null);
  return resolve;
}

export type TargetResolver = ReturnType<typeof targetResolver>;
