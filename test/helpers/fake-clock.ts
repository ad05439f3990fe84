import type { Clock } from '../../server/clock';

/** A clock the test moves by hand; nothing in a test sleeps for a delay. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-03-02T03:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
