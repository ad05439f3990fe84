import type { PageMessage } from './channel';

/** A page as the channels' tests send it; each test overrides what it is about. */
export function pageMessageFixture(overrides: Partial<PageMessage> = {}): PageMessage {
  return {
    incidentId: 'inc_7f3a',
    number: 42,
    title: 'Card payments fail',
    severity: 'SEV-1',
    service: 'Checkout',
    drill: false,
    incidentUrl: 'https://muster.example.com/incidents/inc_7f3a',
    acknowledgeUrl: 'https://muster.example.com/page/ack',
    ackToken: 'v1.eyJpIjoiaW5jXzdmM2EifQ.c2lnbmF0dXJl',
    sentAt: '2026-03-01T02:13:00.000Z',
    ...overrides,
  };
}
