import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactMethod } from '../../../shared/api/contact-methods';
import { defaultNotificationRules, type NotificationRule } from '../../../shared/api/paging';
import { contactMethodFixture, failingNtfy, unverifiedEmail } from '../../testing/contact-methods';
import { jsonResponse, stubFetch } from '../../testing/fetch-stub';
import { ada } from '../../testing/fixtures';
import { mountAppAt } from '../../testing/mount-app';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const verifiedEmail = contactMethodFixture({ id: 'cm-work', summary: 'ada@work.example' });

function serve(rules: NotificationRule[], methods: ContactMethod[] = [unverifiedEmail, failingNtfy, verifiedEmail]) {
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
    'GET /api/v1/push/subscriptions': () => jsonResponse(200, { items: [] }),
    'GET /api/v1/me/contact-methods': () => jsonResponse(200, { items: methods }),
    'GET /api/v1/me/notification-rules': () => jsonResponse(200, rules),
    'PUT /api/v1/me/notification-rules': (req) => jsonResponse(200, req.body),
  });
}

const rules = () => wrapper!.find('section[aria-labelledby="rules-heading"]');
const channelSelect = (index: number) => rules().find(`select[name="channel-${index}"]`);
const optionsOf = (index: number) => channelSelect(index).findAll('option').map((option) => option.text());
const summary = () => rules().find('[data-testid="rules-summary"]').text();

async function openSettings(expectedRows: number) {
  ({ wrapper } = await mountAppAt('/settings'));
  await vi.waitFor(() => expect(rules().findAll('.rule')).toHaveLength(expectedRows));
  await vi.waitFor(() => expect(optionsOf(0).length).toBeGreaterThan(1));
}

describe('notification rules per channel', () => {
  it('keeps the default of push at once, after 1 and after 3 min', async () => {
    serve(defaultNotificationRules, []);
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(rules().findAll('.rule')).toHaveLength(3));
    expect(summary()).toBe('At once: push · After 1 min: push · After 3 min: push');
    expect(optionsOf(0)).toEqual(['Push to my devices']);
  });

  it('offers push and the verified contact methods only, and saves a contact rule with its method', async () => {
    const { requests } = serve([
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 60, method: 'push' },
    ]);
    await openSettings(2);
    expect(optionsOf(0)).toEqual(['Push to my devices', 'ntfy ntfy.sh · muster-ada', 'Email ada@work.example']);

    await channelSelect(1).setValue('cm-ntfy');
    await rules().findAll('button').find((b) => b.text() === '+ Add a reminder')!.trigger('click');
    await channelSelect(2).setValue('cm-work');
    expect(summary()).toBe('At once: push · After 1 min: ntfy · After 2 min: email');

    await rules().find('form.rules-form').trigger('submit');
    await vi.waitFor(() => expect(rules().findAll('button').some((b) => b.text() === 'Saved')).toBe(true));
    const saved = requests.find((r) => r.method === 'PUT' && r.path === '/api/v1/me/notification-rules');
    expect(saved?.body).toEqual([
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 60, method: 'contact', contactMethodId: 'cm-ntfy' },
      { delaySeconds: 120, method: 'contact', contactMethodId: 'cm-work' },
    ]);
  });

  it('lets push and a contact method share a delay, and says so in one line', async () => {
    serve([
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 0, method: 'contact', contactMethodId: 'cm-work' },
      { delaySeconds: 180, method: 'contact', contactMethodId: 'cm-ntfy' },
    ]);
    await openSettings(3);
    expect(summary()).toBe('At once: push + email · After 3 min: ntfy');
    expect((channelSelect(1).element as HTMLSelectElement).value).toBe('cm-work');
  });

  it('shows a rule naming a removed method as one to change, not as a working channel', async () => {
    serve([
      { delaySeconds: 0, method: 'push' },
      { delaySeconds: 60, method: 'contact', contactMethodId: 'cm-gone' },
    ]);
    await openSettings(2);
    expect((channelSelect(1).element as HTMLSelectElement).selectedOptions[0].text).toBe('Removed method: choose another');
    expect(optionsOf(0)).not.toContain('Removed method: choose another');
    expect(summary()).toBe('At once: push · After 1 min: a removed method');
  });

  it('offers an email as soon as its code is confirmed', async () => {
    const { routes } = serve([{ delaySeconds: 0, method: 'push' }]);
    routes['POST /api/v1/me/contact-methods/cm-email/verify'] = () => jsonResponse(200, { ...unverifiedEmail, verified: true });
    await openSettings(1);
    expect(optionsOf(0)).not.toContain('Email ada@example.com');

    const email = wrapper!.find('[data-method="cm-email"]');
    await email.find('input[name="code"]').setValue('123456');
    await email.find('form.verify').trigger('submit');
    await vi.waitFor(() => expect(optionsOf(0)).toContain('Email ada@example.com'));
  });
});
