import { describe, expect, it } from 'vitest';
import { describeWindow, fromLocalInput, runningWindow, toLocalInput } from './maintenance-wording';

const now = new Date('2026-03-02T03:30:00');
const at = (local: string) => new Date(`2026-03-02T${local}`).toISOString();

describe('maintenance wording', () => {
  it('finds the running window that lasts longest', () => {
    const short = { startsAt: at('03:00:00'), endsAt: at('04:00:00') };
    const long = { startsAt: at('03:10:00'), endsAt: at('05:00:00') };
    const upcoming = { startsAt: at('06:00:00'), endsAt: at('07:00:00') };
    const over = { startsAt: at('01:00:00'), endsAt: at('03:30:00') };
    expect(runningWindow([short, upcoming, long, over], now)).toBe(long);
    expect(runningWindow([upcoming, over], now)).toBeNull();
    // Just started by the server, whose clock is a little ahead of the phone's.
    const justStarted = { startsAt: at('03:30:20'), endsAt: at('04:30:20') };
    expect(runningWindow([justStarted], now)).toBe(justStarted);
  });

  it('says until when a running window lasts, and when an upcoming one starts', () => {
    expect(describeWindow({ startsAt: at('03:00:00'), endsAt: at('04:30:00') }, now)).toMatch(/^Until 0?4:30.*\(1 h left\)$/);
    expect(describeWindow({ startsAt: at('05:30:00'), endsAt: at('06:00:00') }, now)).toMatch(/^0?5:30.* – 0?6:00.*, starts in 2 h$/);
  });

  it('reads and writes the datetime-local format in local time', () => {
    expect(toLocalInput(new Date('2026-03-02T04:05:00'))).toBe('2026-03-02T04:05');
    expect(fromLocalInput('2026-03-02T04:05')).toBe(new Date('2026-03-02T04:05:00').toISOString());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });
});
