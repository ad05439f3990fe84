import type { Severity } from './severity';

/*
 * Game-day drill scenarios: a scripted story of injects (alerts, notes, escalations, a resolve signal) played
 * against a service. Zod-free, so the app can check a scenario it edits offline with the same rules.
 */

export const injectKinds = ['alert', 'note', 'escalate', 'resolve-signal'] as const;
export type InjectKind = (typeof injectKinds)[number];

export interface DrillInject {
  /** Seconds after the drill starts. */
  afterSeconds: number;
  kind: InjectKind;
  text: string;
}

/** A day: a drill is an exercise of hours at most; longer is a typo in seconds. */
export const maxInjectAfterSeconds = 86_400;
export const maxInjects = 50;
export const maxInjectTextLength = 1000;

/** In the order they arrive; injects at the same second keep the order they were written in. */
export function sortInjects<T extends DrillInject>(injects: readonly T[]): T[] {
  return injects
    .map((inject, position) => ({ inject, position }))
    .sort((a, b) => a.inject.afterSeconds - b.inject.afterSeconds || a.position - b.position)
    .map(({ inject }) => inject);
}

/** From the start to the last inject; 0 for a scenario with none. */
export function scenarioDurationSeconds(injects: readonly DrillInject[]): number {
  return injects.reduce((longest, inject) => Math.max(longest, inject.afterSeconds), 0);
}

/** What is wrong with one inject, as `field: problem`; null when it is fine. */
export function injectProblem(inject: DrillInject): string | null {
  const { afterSeconds, kind, text } = inject;
  if (!Number.isInteger(afterSeconds) || afterSeconds < 0 || afterSeconds > maxInjectAfterSeconds)
    return `afterSeconds: must be a whole number of seconds from 0 to ${maxInjectAfterSeconds}`;
  if (!(injectKinds as readonly string[]).includes(kind)) return `kind: must be one of ${injectKinds.join(', ')}`;
  if (text.trim().length === 0) return 'text: must not be empty';
  if (text.length > maxInjectTextLength) return `text: must be at most ${maxInjectTextLength} characters`;
  return null;
}

/** What is wrong with a scenario's injects (`injects.2.text: …`); null when they are fine. */
export function injectsProblem(injects: readonly DrillInject[]): string | null {
  if (injects.length === 0) return 'injects: give at least one inject';
  if (injects.length > maxInjects) return `injects: at most ${maxInjects} injects`;
  for (const [index, inject] of injects.entries()) {
    const problem = injectProblem(inject);
    if (problem) return `injects.${index}.${problem}`;
  }
  return null;
}

export interface DrillTemplate {
  id: string;
  name: string;
  severity: Severity;
  title: string;
  description: string;
  injects: DrillInject[];
}

/** The built-in stories a team starts from; each is copied into a scenario, never edited in place. */
export const drillTemplates: readonly DrillTemplate[] = [
  {
    id: 'database-outage',
    name: 'Database outage',
    severity: 'SEV-1',
    title: 'Checkout failing, primary database unreachable',
    description:
      'The primary database stops answering. Practise finding the cause from symptoms, failing over to the replica and telling stakeholders.',
    injects: [
      { afterSeconds: 0, kind: 'alert', text: 'checkout error rate 40 % (threshold 5 %)' },
      { afterSeconds: 120, kind: 'alert', text: 'database replica lag alert: replica 3 minutes behind the primary' },
      { afterSeconds: 300, kind: 'note', text: 'Primary database host reports disk full; writes are failing' },
      { afterSeconds: 420, kind: 'escalate', text: 'Nobody has taken command yet: escalating to the next level' },
      { afterSeconds: 600, kind: 'resolve-signal', text: 'error rate recovering: checkout errors back under 1 %' },
    ],
  },
  {
    id: 'bad-deploy',
    name: 'Bad deploy',
    severity: 'SEV-2',
    title: 'API latency up after release',
    description:
      'A release doubles API latency and breaks logins for some users. Practise linking the incident to the change and rolling back.',
    injects: [
      { afterSeconds: 0, kind: 'alert', text: 'API p95 latency 2.4 s (threshold 800 ms)' },
      { afterSeconds: 90, kind: 'note', text: 'Deploy of api v2.31.0 finished 4 minutes before the alert' },
      { afterSeconds: 240, kind: 'alert', text: 'login failures 12 % of attempts' },
      { afterSeconds: 480, kind: 'resolve-signal', text: 'latency back to 300 ms after the rollback to v2.30.4' },
    ],
  },
  {
    id: 'certificate-expiry',
    name: 'Certificate expiry',
    severity: 'SEV-2',
    title: 'TLS certificate expired on the public API',
    description:
      'The public API certificate expired overnight; mobile apps cannot connect. Practise finding who owns the certificate and renewing it.',
    injects: [
      { afterSeconds: 0, kind: 'alert', text: 'synthetic check failed: certificate has expired for api.example.com' },
      { afterSeconds: 180, kind: 'note', text: 'Support reports mobile app users see "cannot connect" since 06:00' },
      { afterSeconds: 600, kind: 'escalate', text: 'Certificate owner not reached: escalating to the platform team' },
      { afterSeconds: 900, kind: 'resolve-signal', text: 'synthetic check passing: new certificate valid for 90 days' },
    ],
  },
  {
    id: 'dependency-down',
    name: 'Dependency down',
    severity: 'SEV-3',
    title: 'Payment provider timing out',
    description:
      'A third-party payment provider stops answering. Practise degrading gracefully, reading the provider status page and updating customers.',
    injects: [
      { afterSeconds: 0, kind: 'alert', text: 'payment provider requests timing out: 30 % of calls over 10 s' },
      { afterSeconds: 150, kind: 'note', text: 'Provider status page: "investigating elevated errors in EU region"' },
      { afterSeconds: 360, kind: 'alert', text: 'checkout conversion down 25 % from the usual for this hour' },
      { afterSeconds: 1200, kind: 'resolve-signal', text: 'provider reports recovery; timeouts under 1 %' },
    ],
  },
];

export const drillTemplateIds = drillTemplates.map((template) => template.id);

export function findDrillTemplate(id: string): DrillTemplate | undefined {
  return drillTemplates.find((template) => template.id === id);
}

/*
 * Running a drill. A drill is planned from a scenario (copied, so later edits change no drill), starts at
 * `startsAt` (now, or later on the game-day calendar), plays its injects on the engine's durable timers and ends
 * when its incident is resolved (finished) or when the facilitator aborts it.
 */

export const drillStatuses = ['scheduled', 'running', 'paused', 'finished', 'aborted'] as const;
export type DrillStatus = (typeof drillStatuses)[number];

/** Running or paused: its incident is open and the facilitator can steer it. */
export const isLiveDrill = (status: DrillStatus) => status === 'running' || status === 'paused';
export const isDrillOver = (status: DrillStatus) => status === 'finished' || status === 'aborted';

/** Participants are told this long before a scheduled drill unless the planner says otherwise. */
export const defaultDrillReminderMinutes = 60;
export const maxDrillReminderMinutes = 7 * 24 * 60;
/** A game day is planned weeks ahead, not years. */
export const maxDrillScheduleDays = 366;
export const maxDrillParticipants = 50;

/** The facilitator's verbs, and in which states each is allowed. */
export const drillControls = ['pause', 'resume', 'advance', 'abort'] as const;
export type DrillControl = (typeof drillControls)[number];

/** Why the facilitator may not do this now, or null when they may. */
export function drillControlProblem(status: DrillStatus, control: DrillControl, injectsLeft: number): string | null {
  if (isDrillOver(status)) return `the drill is already ${status}`;
  switch (control) {
    case 'pause':
      return status === 'running' ? null : status === 'paused' ? 'the drill is already paused' : 'the drill has not started yet';
    case 'resume':
      return status === 'paused' ? null : 'the drill is not paused';
    case 'advance':
      if (status === 'scheduled') return 'the drill has not started yet';
      return injectsLeft > 0 ? null : 'every inject has already been delivered';
    case 'abort':
      return null;
  }
}

/** When inject `afterSeconds` is due in a drill started at `startedAt`, after pauses and advances moved it by `shiftMs`. */
export function injectDueAt(startedAt: Date, shiftMs: number, afterSeconds: number): Date {
  return new Date(startedAt.getTime() + afterSeconds * 1000 + shiftMs);
}

/**
 * Whom a drill's escalation step pages. Without a participant list, whoever the step would page for real. With
 * one, only participants: those the step reaches anyway (so a drill with the real rota still escalates from one
 * person to the next), or, when the step reaches none of them, every participant. The policy's delays and
 * repeats drive the timing either way.
 */
export function drillStepRecipients(stepUserIds: readonly string[], participants: readonly string[] | null): string[] {
  if (participants === null) return [...stepUserIds];
  const reached = stepUserIds.filter((id) => participants.includes(id));
  return reached.length > 0 ? reached : [...participants];
}

/** How notifications, emails and chat messages about a drill begin. */
export const drillMarker = 'DRILL';
/** The first line of an email about a drill. */
export const drillEmailNote = `${drillMarker}: this is a game-day drill, not a real incident.`;
/** "DRILL · " before a drill's headline, nothing before a real one's. */
export const drillPrefix = (drill: boolean) => (drill ? `${drillMarker} · ` : '');
