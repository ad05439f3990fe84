import type { ContactMethod, ContactMethodTestResult, ContactMethodType } from '../../../shared/api/contact-methods';
import { contactMethodLabels } from '../../../shared/domain/contact-methods';
import type { NotificationRule } from '../../../shared/api/paging';
import { delayLabel } from './delay-wording';

/** The add form's type picker, short enough for a phone's select; each type's fields explain the rest. */
export const typeChoices: Record<ContactMethodType, string> = {
  email: 'Email',
  ntfy: 'ntfy app',
  webhook: 'Webhook (JSON POST)',
  slack: 'Slack, Mattermost or Rocket.Chat',
};

/** The word before a method's summary: "Email dana@example.com", "ntfy ntfy.sh · muster-dana". */
export const typeName: Record<ContactMethodType, string> = { email: 'Email', ntfy: 'ntfy', webhook: 'Webhook', slack: 'Chat' };


export const methodLabel = (method: ContactMethod) => `${typeName[method.type]} ${method.summary}`;

export const pushChannelLabel = 'Push to my devices';

/**
 * A rule's channel as its picker shows it. `methods` is null until they load; a rule may still name a method
 * that was removed or never verified, and must say so rather than pass for a working one.
 */
export function channelLabel(rule: NotificationRule, methods: ContactMethod[] | null): string {
  if (rule.method === 'push') return pushChannelLabel;
  const method = methods?.find((known) => known.id === rule.contactMethodId);
  if (method) return method.verified ? methodLabel(method) : `Unverified: ${methodLabel(method)}`;
  return methods ? 'Removed method: choose another' : 'A contact method';
}

/** The rules in words, one part per delay: ["At once: push + email", "After 1 min: ntfy", "After 3 min: email"]. */
export function rulesSummary(rules: NotificationRule[], methods: ContactMethod[] | null): string[] {
  const channelsAt = new Map<number, string[]>();
  for (const rule of [...rules].sort((a, b) => a.delaySeconds - b.delaySeconds)) {
    const method = methods?.find((known) => known.id === rule.contactMethodId);
    const channel = rule.method === 'push' ? 'push' : method ? contactMethodLabels[method.type] : methods ? 'a removed method' : 'contact method';
    channelsAt.set(rule.delaySeconds, [...(channelsAt.get(rule.delaySeconds) ?? []), channel]);
  }
  return [...channelsAt].map(([delay, channels]) => `${delayLabel(delay)}: ${channels.join(' + ')}`);
}

/**
 * What a test message met. A test is sent once: "retryable" means a page meeting the same would be retried,
 * not that this test will be.
 */
export function testOutcomeText(result: ContactMethodTestResult): string {
  const reason = result.error ?? (result.status ? `HTTP ${result.status}` : 'no reason given');
  switch (result.outcome) {
    case 'delivered':
      return 'Delivered';
    case 'rejected':
      return `Refused: ${reason}`;
    case 'retryable':
      return `Not delivered, a page would be retried: ${reason}`;
  }
}
