import { describe, expect, it } from 'vitest';
import { pageEmail, verificationEmail } from './email-page';
import { pageMessageFixture } from './page-message.fixture';

describe('pageEmail', () => {
  it('has severity, service and title in the subject and both links in each body', () => {
    const email = pageEmail(pageMessageFixture());
    expect(email.subject).toBe('[SEV-1] Checkout: Card payments fail');
    expect(email.text).toBe(
      [
        'SEV-1 (Critical) · Checkout',
        '#42 Card payments fail',
        '',
        'Open the incident: https://muster.example.com/incidents/inc_7f3a',
        'Acknowledge: https://muster.example.com/page/ack',
        '',
        'Muster is paging you for this incident until someone acknowledges it.',
      ].join('\n'),
    );
    expect(email.html).toContain('<a href="https://muster.example.com/incidents/inc_7f3a">Open the incident</a>');
    expect(email.html).toContain('<a href="https://muster.example.com/page/ack">Acknowledge</a>');
    expect(email.text).not.toContain(pageMessageFixture().ackToken);
  });

  it('marks a drill in the subject and both bodies', () => {
    const email = pageEmail(pageMessageFixture({ drill: true, severity: 'SEV-3' }));
    expect(email.subject).toBe('DRILL · [SEV-3] Checkout: Card payments fail');
    expect(email.text).toMatch(/^DRILL: this is a game-day drill/);
    expect(email.html).toMatch(/^<p><strong>DRILL: this is a game-day drill/);
  });

  it('escapes user text in the HTML body', () => {
    const email = pageEmail(pageMessageFixture({ title: '<img src=x onerror=alert(1)> & "quotes"', service: "O'Reilly <api>" }));
    expect(email.html).toContain('#42 &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(email.html).toContain('O&#39;Reilly &lt;api&gt;');
    expect(email.html).not.toMatch(/<img|<api>/);
    expect(email.text).toContain('#42 <img src=x onerror=alert(1)> & "quotes"');
  });
});

describe('verificationEmail', () => {
  it('carries the code in the subject and body, with how long it is valid', () => {
    const email = verificationEmail('123456');
    expect(email.subject).toBe('Your Muster verification code is 123456');
    expect(email.text).toContain('Your Muster verification code is 123456.');
    expect(email.text).toContain('within 30 minutes');
    expect(email.html).toContain('<p>Your Muster verification code is 123456.</p>');
  });
});
