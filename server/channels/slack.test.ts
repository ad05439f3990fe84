import { describe, expect, it } from 'vitest';
import { pageMessageFixture } from './page-message.fixture';
import { slackMessage, slackRequest } from './slack';

describe('slackMessage', () => {
  it('names severity, service and title, with links to the incident and to acknowledge', () => {
    expect(slackRequest({ webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' }, pageMessageFixture())).toEqual({
      url: 'https://hooks.slack.com/services/T0/B0/x',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Muster' },
      body: JSON.stringify({
        text:
          ':rotating_light: *SEV-1* · Checkout\n' +
          '<https://muster.example.com/incidents/inc_7f3a|#42 Card payments fail> · <https://muster.example.com/page/ack|Acknowledge>',
      }),
    });
  });

  it('marks a drill and escapes what Slack would read as markup', () => {
    const { text } = slackMessage(pageMessageFixture({ drill: true, severity: 'SEV-4', service: 'R&D <eu>', title: '<!channel> a > b' }));
    expect(text).toBe(
      '*DRILL* · :warning: *SEV-4* · R&amp;D &lt;eu&gt;\n' +
        '<https://muster.example.com/incidents/inc_7f3a|#42 &lt;!channel&gt; a &gt; b> · <https://muster.example.com/page/ack|Acknowledge>',
    );
  });
});
