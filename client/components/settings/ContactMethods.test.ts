import type { DOMWrapper, VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactMethod, ContactMethodTestResult, CreateContactMethodInput } from '../../../shared/api/contact-methods';
import { contactMethodFixture, failingNtfy, unverifiedEmail } from '../../testing/contact-methods';
import { errorResponse, jsonResponse, stubFetch, type Handler } from '../../testing/fetch-stub';
import { ada } from '../../testing/fixtures';
import { mountAppAt } from '../../testing/mount-app';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

const summaryOf = (input: CreateContactMethodInput) => {
  switch (input.type) {
    case 'email':
      return input.address;
    case 'ntfy':
      return `${new URL(input.serverUrl).host} · ${input.topic}`;
    case 'webhook':
      return new URL(input.url).host;
    case 'slack':
      return new URL(input.webhookUrl).host;
  }
};

/** A small contact-methods server: the right code is 123456, and `testResult` is what a test meets. */
function serve({ methods = [unverifiedEmail, failingNtfy], testResult = { outcome: 'delivered' } as ContactMethodTestResult, extra = {} as Record<string, Handler> } = {}) {
  let items: ContactMethod[] = [...methods];
  return stubFetch({
    'GET /api/v1/me': () => jsonResponse(200, { user: ada }),
    'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
    'GET /api/v1/push/subscriptions': () => jsonResponse(200, { items: [] }),
    'GET /api/v1/me/notification-rules': () => jsonResponse(200, [{ delaySeconds: 0, method: 'push' }]),
    'GET /api/v1/me/contact-methods': () => jsonResponse(200, { items }),
    'POST /api/v1/me/contact-methods': (req) => {
      const input = req.body as CreateContactMethodInput;
      const created = contactMethodFixture({ id: `cm-${input.type}-new`, type: input.type, summary: summaryOf(input), verified: input.type !== 'email' });
      items = [...items, created];
      return jsonResponse(201, created);
    },
    'POST /api/v1/me/contact-methods/cm-email/verify': (req) => {
      if ((req.body as { code: string }).code !== '123456') return errorResponse(400, 'bad_request', 'code: wrong code; 4 tries left');
      items = items.map((m) => (m.id === 'cm-email' ? { ...m, verified: true } : m));
      return jsonResponse(200, items.find((m) => m.id === 'cm-email'));
    },
    'POST /api/v1/me/contact-methods/cm-ntfy/test': () => {
      if (testResult.outcome === 'delivered') {
        items = items.map((m) => (m.id === 'cm-ntfy' ? { ...m, failing: false, lastSuccessAt: new Date().toISOString() } : m));
      }
      return jsonResponse(200, testResult);
    },
    'DELETE /api/v1/me/contact-methods/cm-ntfy': () => {
      items = items.filter((m) => m.id !== 'cm-ntfy');
      return new Response(null, { status: 204 });
    },
    ...extra,
  });
}

const section = () => wrapper!.find('section[aria-labelledby="contact-methods-heading"]');
const method = (id: string) => section().find(`[data-method="${id}"]`);
const buttonIn = (where: DOMWrapper<Element>, text: string) => where.findAll('button').find((b) => b.text() === text);

async function openSettings() {
  ({ wrapper } = await mountAppAt('/settings'));
  await vi.waitFor(() => expect(section().findAll('.method').length).toBeGreaterThan(0));
}

async function openAddForm(type: CreateContactMethodInput['type']) {
  await buttonIn(section(), '+ Add a contact method')!.trigger('click');
  await section().find('form.add-method select[name="type"]').setValue(type);
}

describe('contact methods in Settings', () => {
  it('lists each method with its type, summary and state: unverified asks for the code, failing says why in red', async () => {
    serve();
    await openSettings();
    const email = method('cm-email');
    expect(email.find('.about').text()).toBe('Email ada@example.com');
    expect(email.text()).toContain('Unverified — enter the code we emailed');
    expect(email.find('input[name="code"]').exists()).toBe(true);
    expect(buttonIn(email, 'Test')).toBeUndefined();

    const ntfy = method('cm-ntfy');
    expect(ntfy.find('.about').text()).toBe('ntfy ntfy.sh · muster-ada');
    expect(ntfy.find('.failing').text()).toBe('Failing: ntfy answered 401');
    expect(ntfy.text()).toContain('Last delivered 2 hours ago');
    expect(ntfy.find('input[name="code"]').exists()).toBe(false);
  });

  it('says when there are none yet', async () => {
    serve({ methods: [] });
    ({ wrapper } = await mountAppAt('/settings'));
    await vi.waitFor(() => expect(section().text()).toContain('None yet: pages reach you by push only.'));
  });

  it('adds each type with only its own fields, and sends just those', async () => {
    const { requests } = serve();
    await openSettings();
    const form = () => section().find('form.add-method');
    const fieldNames = () => form().findAll('input').map((input) => input.attributes('name'));

    await openAddForm('email');
    expect(fieldNames()).toEqual(['address']);
    await form().find('input[name="address"]').setValue(' dana@example.com ');
    await form().trigger('submit');
    await vi.waitFor(() => expect(method('cm-email-new').exists()).toBe(true));
    expect(method('cm-email-new').text()).toContain('Unverified — enter the code we emailed');

    await openAddForm('ntfy');
    expect(fieldNames()).toEqual(['serverUrl', 'topic', 'accessToken']);
    expect(form().text()).toContain('Keep the topic private: each page carries its acknowledge link');
    expect(form().text()).toContain('allow max-priority notifications to override Do Not Disturb');
    await form().find('input[name="topic"]').setValue('muster-dana');
    await form().trigger('submit');
    await vi.waitFor(() => expect(method('cm-ntfy-new').exists()).toBe(true));

    await openAddForm('webhook');
    expect(fieldNames()).toEqual(['url', 'secret']);
    await form().find('input[name="url"]').setValue('https://hooks.example.com/muster');
    await form().find('input[name="secret"]').setValue('s3cret');
    await form().trigger('submit');
    await vi.waitFor(() => expect(method('cm-webhook-new').exists()).toBe(true));

    await openAddForm('slack');
    expect(fieldNames()).toEqual(['webhookUrl']);
    await form().find('input[name="webhookUrl"]').setValue('https://hooks.slack.com/services/T0/B0/x');
    await form().trigger('submit');
    await vi.waitFor(() => expect(method('cm-slack-new').exists()).toBe(true));
    expect(method('cm-slack-new').find('.about').text()).toBe('Chat hooks.slack.com');

    const sent = requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/me/contact-methods').map((r) => r.body);
    expect(sent).toEqual([
      { type: 'email', address: 'dana@example.com' },
      { type: 'ntfy', serverUrl: 'https://ntfy.sh', topic: 'muster-dana' },
      { type: 'webhook', url: 'https://hooks.example.com/muster', secret: 's3cret' },
      { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' },
    ]);
  });

  it('shows the server’s refusal as it words it, and keeps what was typed', async () => {
    serve({
      extra: {
        'POST /api/v1/me/contact-methods': () =>
          errorResponse(409, 'conflict', 'email is not set up on this server: the operator sets SMTP_URL and MUSTER_MAIL_FROM'),
      },
    });
    await openSettings();
    await openAddForm('email');
    await section().find('input[name="address"]').setValue('dana@example.com');
    await section().find('form.add-method').trigger('submit');
    await vi.waitFor(() =>
      expect(section().find('form.add-method [role="alert"]').text()).toBe(
        'Email is not set up on this server: the operator sets SMTP_URL and MUSTER_MAIL_FROM',
      ),
    );
    expect((section().find('input[name="address"]').element as HTMLInputElement).value).toBe('dana@example.com');
  });

  it('verifies an email with its code: a wrong code says so, the right one makes it usable', async () => {
    const { requests } = serve();
    await openSettings();
    const email = () => method('cm-email');

    await email().find('input[name="code"]').setValue('111111');
    await email().find('form.verify').trigger('submit');
    await vi.waitFor(() => expect(email().find('[role="alert"]').text()).toBe('Code: wrong code; 4 tries left'));
    expect(email().text()).toContain('Unverified — enter the code we emailed');

    await email().find('input[name="code"]').setValue('123456');
    await email().find('form.verify').trigger('submit');
    await vi.waitFor(() => expect(email().find('input[name="code"]').exists()).toBe(false));
    expect(email().find('[role="alert"]').exists()).toBe(false);
    expect(email().text()).toContain('Nothing delivered yet');
    expect(buttonIn(email(), 'Test')).toBeDefined();
    const verifies = requests.filter((r) => r.path.endsWith('/verify')).map((r) => r.body);
    expect(verifies).toEqual([{ code: '111111' }, { code: '123456' }]);
  });

  it.each([
    [{ outcome: 'delivered' }, 'Test: Delivered'],
    [{ outcome: 'rejected', status: 401, error: 'ntfy answered 401' }, 'Test: Refused: ntfy answered 401'],
    [{ outcome: 'retryable', status: 503, error: 'ntfy answered 503' }, 'Test: Not delivered, a page would be retried: ntfy answered 503'],
  ] satisfies Array<[ContactMethodTestResult, string]>)('tests a method and shows what it met: %o', async (testResult, shown) => {
    const { requests } = serve({ testResult });
    await openSettings();
    await method('cm-ntfy').find('[aria-label="Test ntfy ntfy.sh · muster-ada"]').trigger('click');
    await vi.waitFor(() => expect(method('cm-ntfy').find('.outcome').text()).toBe(shown));
    expect(method('cm-ntfy').find('.outcome').attributes('role')).toBe('status');
    // The list is read again: the test moved "failing" and the last delivery.
    await vi.waitFor(() => expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/me/contact-methods')).toHaveLength(2));
    expect(method('cm-ntfy').find('.failing').exists()).toBe(testResult.outcome !== 'delivered');
  });

  it('removes a method only after the confirmation', async () => {
    const { requests } = serve();
    await openSettings();
    await method('cm-ntfy').find('[aria-label="Remove ntfy ntfy.sh · muster-ada"]').trigger('click');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    expect(method('cm-ntfy').text()).toContain('Pages stop going to ntfy.sh · muster-ada');

    await method('cm-ntfy').find('.confirm .btn-danger').trigger('click');
    await vi.waitFor(() => expect(method('cm-ntfy').exists()).toBe(false));
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/me/contact-methods/cm-ntfy']);
  });
});
