import { describe, expect, it } from 'vitest';
import { outcomeForMailError } from './mailer';

describe('outcomeForMailError', () => {
  it('retries what SMTP calls temporary and rejects what it calls permanent, showing the reply', () => {
    expect(outcomeForMailError({ message: 'x', code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 Greylisted, try later' })).toEqual({
      kind: 'retryable',
      error: 'mail server answered 451 4.7.1 Greylisted, try later',
    });
    expect(outcomeForMailError({ message: 'x', code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user' })).toEqual({
      kind: 'rejected',
      error: 'mail server answered 550 5.1.1 No such user',
    });
    expect(outcomeForMailError({ message: 'x', code: 'EAUTH', responseCode: 535 })).toEqual({ kind: 'rejected', error: 'mail server answered 535' });
  });

  it('retries a connection that failed and rejects a message that can never be sent', () => {
    expect(outcomeForMailError({ message: 'connect ECONNREFUSED 10.1.2.3:25', code: 'ESOCKET' })).toEqual({ kind: 'retryable', error: 'could not reach the mail server (ESOCKET)' });
    expect(outcomeForMailError({ message: 'Greeting never received', code: 'ETIMEDOUT' })).toMatchObject({ kind: 'retryable' });
    expect(outcomeForMailError({ message: 'No recipients defined', code: 'EENVELOPE' })).toEqual({ kind: 'rejected', error: 'cannot send: No recipients defined' });
  });
});
