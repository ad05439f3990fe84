import type { ContactMethod } from '../../shared/api/contact-methods';
import { ada } from './fixtures';

export function contactMethodFixture(overrides: Partial<ContactMethod> = {}): ContactMethod {
  return {
    id: crypto.randomUUID(),
    userId: ada.id,
    type: 'email',
    summary: 'ada@example.com',
    verified: true,
    failing: false,
    lastError: null,
    lastSuccessAt: null,
    lastFailureAt: null,
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    ...overrides,
  };
}

/** Ada's methods: an email still waiting for its code, and an ntfy topic whose last three messages were refused. */
export const unverifiedEmail = contactMethodFixture({ id: 'cm-email', verified: false });
export const failingNtfy = contactMethodFixture({
  id: 'cm-ntfy',
  type: 'ntfy',
  summary: 'ntfy.sh · muster-ada',
  failing: true,
  lastError: 'ntfy answered 401',
  lastSuccessAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  lastFailureAt: new Date().toISOString(),
});
