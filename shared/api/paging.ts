import { z } from 'zod';
import { id } from './common';
import { multiLineText, singleLineText } from './text';

export const escalationTargetTypes = ['user', 'schedule'] as const;
export type EscalationTargetType = (typeof escalationTargetTypes)[number];

const escalationTarget = z.object({ type: z.enum(escalationTargetTypes), id });
const escalationStep = z.object({
  delaySeconds: z.number().int().min(1, 'must be at least 1 second').max(86_400, 'must be at most 86400 seconds (24 h)'),
  targets: z.array(escalationTarget).min(1, 'a step needs at least one target').max(20),
});

export const escalationPolicyInput = z.object({
  name: singleLineText().trim().min(1, 'must not be empty').max(100),
  description: multiLineText().max(2000).optional(),
  repeat: z.number().int().min(0).max(9, 'must be 0 to 9'),
  steps: z.array(escalationStep).min(1, 'a policy needs at least one step').max(20),
});
export type EscalationPolicyInput = z.infer<typeof escalationPolicyInput>;
export type EscalationStep = z.infer<typeof escalationStep>;

export interface EscalationPolicy extends EscalationPolicyInput {
  id: string;
  createdAt: string;
  /** Services paging through this policy. */
  serviceIds: string[];
}

/** `push` goes to every registered device; `contact` to one of the user's contact methods (email, ntfy, …). */
export const notificationMethods = ['push', 'contact'] as const;
export type NotificationMethod = (typeof notificationMethods)[number];
const notificationRule = z
  .object({
    delaySeconds: z.number().int().min(0).max(3600, 'must be at most 3600 seconds'),
    method: z.enum(notificationMethods, { error: 'must be push or contact' }),
    contactMethodId: id.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.method === 'contact' && !rule.contactMethodId) ctx.addIssue({ code: 'custom', path: ['contactMethodId'], message: 'is required when method is contact' });
    if (rule.method === 'push' && rule.contactMethodId) ctx.addIssue({ code: 'custom', path: ['contactMethodId'], message: 'is only for method contact' });
  });

/** "push at 60 s" and "email at 60 s" are two rules; the same channel twice at one delay is one rule written twice. */
const ruleKey = (rule: NotificationRule) => `${rule.delaySeconds}:${rule.method}:${rule.contactMethodId ?? ''}`;

export const notificationRulesInput = z
  .array(notificationRule)
  .min(1, 'keep at least one rule, or nobody can page you')
  .max(10)
  .refine((rules) => new Set(rules.map(ruleKey)).size === rules.length, 'each channel may appear once per delay');
export type NotificationRule = z.infer<typeof notificationRule>;

const isRulesWrapper = (body: unknown): body is { rules: unknown } => typeof body === 'object' && body !== null && 'rules' in body;

/**
 * The rules array itself, or wrapped as `{ rules }`. Unwrapped before validating rather than a union:
 * a failed union reports only "Invalid input", and every 400 must name the bad field.
 */
export const notificationRulesBody = z.preprocess((body) => (isRulesWrapper(body) ? body.rules : body), notificationRulesInput);

/** Page at once, then re-page after one and three minutes. */
export const defaultNotificationRules: NotificationRule[] = [
  { delaySeconds: 0, method: 'push' },
  { delaySeconds: 60, method: 'push' },
  { delaySeconds: 180, method: 'push' },
];
