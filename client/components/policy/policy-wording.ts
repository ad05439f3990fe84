import type { User } from '../../../shared/api/accounts';
import type { EscalationPolicy, EscalationPolicyInput } from '../../../shared/api/paging';
import type { Schedule } from '../../../shared/api/schedules';
import type { Service } from '../../../shared/api/services';
import { cannotAct, type CannotAct } from '../../../shared/domain/roles';
import { joinAnd } from '../../../shared/domain/wording';
import { delayLabel } from '../settings/delay-wording';

export type Person = Pick<User, 'id' | 'name' | 'email' | 'role' | 'active'>;
export type Target = EscalationPolicyInput['steps'][number]['targets'][number];

/** Whom a policy can name: the people and schedules it resolves target ids against. */
export interface Directory {
  users: Person[];
  schedules: Array<Pick<Schedule, 'id' | 'name'>>;
}

const skipReasons: Record<CannotAct, string> = { deactivated: 'deactivated', viewer: 'a viewer' };

/** Why the engine would skip this person when their step is paged ("deactivated", "a viewer"), or null. */
export function whyNotPageable(user: Pick<User, 'role' | 'active'>): string | null {
  const reason = cannotAct(user);
  return reason && skipReasons[reason];
}

/** "once", "twice", "3 times". */
export function timesWord(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

/** A chip's label: the person's or schedule's name, or what it was when the id matches nobody any more. */
export function targetName(target: Target, directory: Directory): string {
  if (target.type === 'user') return directory.users.find((user) => user.id === target.id)?.name ?? 'Unknown person';
  return directory.schedules.find((schedule) => schedule.id === target.id)?.name ?? 'Unknown schedule';
}

function whomToPage(target: Target, directory: Directory): string {
  if (target.type === 'schedule') {
    const schedule = directory.schedules.find((known) => known.id === target.id);
    return `whoever is on call for ${schedule?.name ?? 'an unknown schedule'}`;
  }
  const user = directory.users.find((known) => known.id === target.id);
  if (!user) return 'an unknown person';
  const whyNot = whyNotPageable(user);
  return whyNot ? `${user.name} (${whyNot}: skipped)` : user.name;
}

/**
 * The policy in plain sentences: "At once: page whoever is on call for Primary. After 5 min: page Dana.
 * Then repeat twice, starting over after 15 min."
 *
 * Every time counts from when the incident opened, if nobody acknowledges: the engine pages step 1 at
 * once and each step's delay runs from its own page to the next step's, so step N is paged after the
 * sum of the delays before it. The last step's delay is when the policy starts over (or stops paging);
 * each repeat is a whole round, as long again.
 */
export function policyPreview(policy: Pick<EscalationPolicyInput, 'steps' | 'repeat'>, directory: Directory): string[] {
  let elapsed = 0;
  const sentences = policy.steps.map((step) => {
    const whom = step.targets.length ? joinAnd(step.targets.map((target) => whomToPage(target, directory))) : 'nobody yet';
    const sentence = `${delayLabel(elapsed)}: page ${whom}.`;
    elapsed += step.delaySeconds;
    return sentence;
  });
  if (policy.repeat > 0 && policy.steps.length > 0) {
    sentences.push(`Then repeat ${timesWord(policy.repeat)}, starting over ${delayLabel(elapsed).toLowerCase()}.`);
  }
  return sentences;
}

/** The list's one line: "2 steps · repeats twice · used by Checkout API and Payments". */
export function policySummary(policy: Pick<EscalationPolicy, 'steps' | 'repeat' | 'serviceIds'>, services: Array<Pick<Service, 'id' | 'name'>>): string {
  const parts = [`${policy.steps.length} ${policy.steps.length === 1 ? 'step' : 'steps'}`];
  if (policy.repeat > 0) parts.push(`repeats ${timesWord(policy.repeat)}`);
  const names = policy.serviceIds.map((id) => services.find((service) => service.id === id)?.name ?? 'an unknown service');
  parts.push(names.length ? `used by ${joinAnd(names)}` : 'used by no service');
  return parts.join(' · ');
}

const fieldPaths: Array<[RegExp, (step: number, target: number) => string]> = [
  [/\bsteps\.(?<step>\d+)\.targets\.(?<target>\d+)(?:\.id)?/gi, (step, target) => `step ${step}, target ${target}`],
  [/\bsteps\.(?<step>\d+)\.targets\b/gi, (step) => `step ${step} targets`],
  [/\bsteps\.(?<step>\d+)\.delaySeconds\b/gi, (step) => `step ${step} delay`],
  [/\bsteps\.(?<step>\d+)/gi, (step) => `step ${step}`],
];

/**
 * A server refusal with its field paths in the screen's terms: "steps.1.targets.0.id: Dana is a viewer"
 * reads "step 2, target 1: Dana is a viewer" (the API counts from 0, the screen from 1). A path that
 * opens the message was capitalised on the way ("Steps.1…") and keeps its capital.
 */
export function explainFieldPaths(message: string): string {
  return fieldPaths.reduce(
    (text, [path, words]) =>
      text.replace(path, (match: string, ...args: unknown[]) => {
        const { step, target } = args[args.length - 1] as { step: string; target?: string };
        const said = words(Number(step) + 1, Number(target) + 1);
        return match.startsWith('S') ? said.charAt(0).toUpperCase() + said.slice(1) : said;
      }),
    message,
  );
}
