import { describe, expect, it } from 'vitest';
import { linkActionLabel, linkHeading, linkWording, personStatus, statusLabels } from './person-wording';

describe('person wording', () => {
  it('tells deactivated people and people who never chose a password apart', () => {
    expect(personStatus({ active: true, hasPassword: true })).toBe('active');
    expect(personStatus({ active: true, hasPassword: false })).toBe('invited');
    expect(personStatus({ active: false, hasPassword: false })).toBe('deactivated');
    expect(statusLabels.invited).toBe('Invited — no password yet');
  });

  it('offers an invitation until a password is chosen, then a reset', () => {
    expect(linkActionLabel({ hasPassword: false })).toBe('Send a new invitation link');
    expect(linkActionLabel({ hasPassword: true })).toBe('Password reset link');
    expect(linkHeading('Dana', { purpose: 'reset' })).toBe('Password reset link for Dana');
  });

  it('says who the link is for, what it does and until when', () => {
    const now = new Date('2026-03-02T10:00:00');
    const link = { purpose: 'invite' as const, expiresAt: new Date('2026-03-09T10:00:00').toISOString() };
    expect(linkWording('Dana', link, now, 'en-GB')).toBe(
      'Share this link with Dana: it signs them in once to choose a password, until Mon 9 Mar, 10:00. It will not be shown again.',
    );
    expect(linkWording('Dana', { ...link, purpose: 'reset' }, now, 'en-GB')).toContain('once to choose a new password, until');
  });
});
