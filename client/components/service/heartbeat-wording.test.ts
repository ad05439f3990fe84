import { describe, expect, it } from 'vitest';
import { heartbeatState, intervalWording } from './heartbeat-wording';

const now = new Date('2026-03-02T03:30:00Z');

describe('heartbeat wording', () => {
  it('says whether a heartbeat is waiting, up or expired, with its last ping', () => {
    expect(heartbeatState({ status: 'pending', lastPingAt: null }, now)).toEqual({ label: 'Waiting for first ping', detail: null, tone: 'pending' });
    expect(heartbeatState({ status: 'up', lastPingAt: '2026-03-02T03:28:00Z' }, now)).toEqual({ label: 'Up', detail: 'last ping 2 minutes ago', tone: 'up' });
    expect(heartbeatState({ status: 'expired', lastPingAt: '2026-03-02T00:30:00Z' }, now)).toEqual({
      label: 'Expired',
      detail: 'last ping 3 hours ago',
      tone: 'expired',
    });
    expect(heartbeatState({ status: 'expired', lastPingAt: null }, now).detail).toBe('never pinged');
  });

  it('words the interval', () => {
    expect(intervalWording(300)).toBe('every 5 min');
    expect(intervalWording(86_400)).toBe('every day');
    expect(intervalWording(3600)).toBe('every hour');
    expect(intervalWording(5400)).toBe('every 1 h 30 min');
    expect(intervalWording(30)).toBe('every 30 s');
  });
});
