import { describe, expect, it } from 'vitest';
import { headerText } from './encoded-words';
import { noticeEmail, noticeWebhookBody, ntfyNoticeRequest, slackNotice, type StoredNotice } from './send-notice';

const notice: StoredNotice = {
  incidentId: 'inc_7f3a',
  number: 12,
  title: 'Card payments <b>fail</b>',
  severity: 'SEV-1',
  service: 'Checkout',
  text: 'Rolled back <release 142>; error rate falling.',
  audience: 'stakeholders',
  author: 'Ada Lovelace',
  incidentUrl: '/incidents/inc_7f3a',
};
const url = 'https://muster.example.com/incidents/inc_7f3a';

describe('status updates by contact method', () => {
  it('emails with the update subject, the text and a link, HTML-escaped', () => {
    const mail = noticeEmail(notice, url);
    expect(mail.subject).toBe('[Muster] Update on #12: Card payments <b>fail</b>');
    expect(mail.text).toContain('Rolled back <release 142>; error rate falling.');
    expect(mail.text).toContain(`Open the incident: ${url}`);
    expect(mail.html).toContain('Rolled back &lt;release 142&gt;');
    expect(mail.html).not.toContain('<b>fail</b>');
  });

  it('publishes to ntfy at default priority with no Acknowledge action', () => {
    const request = ntfyNoticeRequest({ type: 'ntfy', serverUrl: 'https://ntfy.example.com/', topic: 'ops', accessToken: 'tk_x' }, notice, url);
    expect(request.url).toBe('https://ntfy.example.com/ops');
    expect(request.body).toBe(notice.text);
    // The middle dot travels as an RFC 2047 encoded word, as ntfy reads it.
    expect(request.headers).toMatchObject({ Title: headerText('Update on #12 · Checkout'), 'X-Priority': '3', Click: url, Authorization: 'Bearer tk_x' });
    expect(request.headers.Actions).toBeUndefined();
  });

  it('posts a status_update webhook body and a Slack text that cannot mention everyone', () => {
    expect(noticeWebhookBody(notice, url, new Date('2026-12-02T03:42:00Z'))).toEqual({
      type: 'status_update',
      incident: { id: 'inc_7f3a', number: 12, title: notice.title, severity: 'SEV-1', service: 'Checkout', url, drill: false },
      text: notice.text,
      audience: 'stakeholders',
      author: 'Ada Lovelace',
      sentAt: '2026-12-02T03:42:00.000Z',
    });
    expect(slackNotice({ ...notice, text: '<!channel> rolled back' }, url).text).toBe(
      `:loudspeaker: Update on <${url}|#12 Card payments &lt;b&gt;fail&lt;/b&gt;> · Checkout\n&lt;!channel&gt; rolled back`,
    );
  });

  it('says DRILL first on every channel for a drill incident, and nothing of it for a real one', () => {
    const drill = { ...notice, drill: true };
    const ntfy = { type: 'ntfy' as const, serverUrl: 'https://ntfy.example.com', topic: 'ops' };
    expect(noticeEmail(drill, url).subject).toBe('DRILL · [Muster] Update on #12: Card payments <b>fail</b>');
    expect(noticeEmail(drill, url).text.split('\n')[0]).toBe('DRILL: this is a game-day drill, not a real incident.');
    expect(noticeEmail(drill, url).html).toMatch(/^<p><strong>DRILL: this is a game-day drill/);
    expect(ntfyNoticeRequest(ntfy, drill, url).headers.Title).toBe(headerText('DRILL · Update on #12 · Checkout'));
    expect(slackNotice(drill, url).text).toMatch(/^\*DRILL\* · :loudspeaker: Update on /);
    expect(noticeWebhookBody(drill, url, new Date(0)).incident.drill).toBe(true);
    // A notice queued before drills existed has no flag: it was about a real incident.
    for (const real of [notice, { ...notice, drill: false }]) {
      expect(noticeEmail(real, url).subject).not.toContain('DRILL');
      expect(noticeEmail(real, url).text).not.toContain('DRILL');
      expect(ntfyNoticeRequest(ntfy, real, url).headers.Title).toBe(headerText('Update on #12 · Checkout'));
      expect(slackNotice(real, url).text).toMatch(/^:loudspeaker:/);
    }
  });
});
