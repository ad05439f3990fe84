import { describe, expect, it } from 'vitest';
import { contactMethodFixture } from '../../testing/contact-methods';
import { channelLabel, rulesSummary, testOutcomeText } from './contact-method-wording';

const ntfy = contactMethodFixture({ id: 'cm-ntfy', type: 'ntfy', summary: 'ntfy.sh · muster-dana' });
const email = contactMethodFixture({ id: 'cm-email', summary: 'dana@example.com' });
const unverified = contactMethodFixture({ id: 'cm-new', summary: 'dana@home.example', verified: false });

describe('contact method wording', () => {
  it('sums the rules up in delay order, channels at one delay together', () => {
    const rules = [
      { delaySeconds: 180, method: 'contact' as const, contactMethodId: 'cm-email' },
      { delaySeconds: 0, method: 'push' as const },
      { delaySeconds: 60, method: 'contact' as const, contactMethodId: 'cm-ntfy' },
      { delaySeconds: 0, method: 'contact' as const, contactMethodId: 'cm-email' },
    ];
    expect(rulesSummary(rules, [ntfy, email])).toEqual(['At once: push + email', 'After 1 min: ntfy', 'After 3 min: email']);
    expect(rulesSummary(rules, null)).toEqual(['At once: push + contact method', 'After 1 min: contact method', 'After 3 min: contact method']);
  });

  it('names a rule’s channel, and says when it cannot be used', () => {
    expect(channelLabel({ delaySeconds: 0, method: 'push' }, null)).toBe('Push to my devices');
    expect(channelLabel({ delaySeconds: 0, method: 'contact', contactMethodId: 'cm-ntfy' }, [ntfy])).toBe('ntfy ntfy.sh · muster-dana');
    expect(channelLabel({ delaySeconds: 0, method: 'contact', contactMethodId: 'cm-new' }, [unverified])).toBe(
      'Unverified: Email dana@home.example',
    );
    expect(channelLabel({ delaySeconds: 0, method: 'contact', contactMethodId: 'cm-gone' }, [ntfy])).toBe('Removed method: choose another');
    expect(channelLabel({ delaySeconds: 0, method: 'contact', contactMethodId: 'cm-ntfy' }, null)).toBe('A contact method');
  });

  it('words a test’s outcome plainly', () => {
    expect(testOutcomeText({ outcome: 'delivered', status: 200 })).toBe('Delivered');
    expect(testOutcomeText({ outcome: 'rejected', status: 401, error: 'ntfy answered 401' })).toBe('Refused: ntfy answered 401');
    expect(testOutcomeText({ outcome: 'retryable', error: 'could not reach the mail server (ECONNREFUSED)' })).toBe(
      'Not delivered, a page would be retried: could not reach the mail server (ECONNREFUSED)',
    );
    expect(testOutcomeText({ outcome: 'rejected', status: 400 })).toBe('Refused: HTTP 400');
  });
});
