import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/helpers/fake-clock';
import { VerificationThrottle, verificationEmailsPerHour } from './verification-throttle';

describe('verification email throttle', () => {
  it('lets a user send a few codes an hour, then says when the next may go', () => {
    const clock = new FakeClock();
    const throttle = new VerificationThrottle(clock);
    for (let i = 0; i < verificationEmailsPerHour; i++) {
      expect(throttle.take('ada')).toEqual({ ok: true });
      clock.advance(60_000);
    }
    expect(throttle.take('ada')).toEqual({ ok: false, retryAfterSeconds: 3600 - 5 * 60 });
    expect(throttle.take('bob')).toEqual({ ok: true });
    clock.advance((3600 - 5 * 60) * 1000 + 1);
    expect(throttle.take('ada')).toEqual({ ok: true });
  });
});
