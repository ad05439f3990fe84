import { describe, expect, it } from 'vitest';
import { shiftsToICalendar, type CalendarShift } from './ical';

const shift: CalendarShift = {
  scheduleId: 'sch1',
  scheduleName: 'Primary',
  userId: 'u1',
  userName: 'Ada',
  start: new Date('2026-03-08T07:00:00Z'),
  end: new Date('2026-03-09T13:00:00Z'),
};
const now = new Date('2026-03-01T12:34:56.789Z');
const octets = (line: string) => new TextEncoder().encode(line).length;
const unfold = (calendar: string) => calendar.replace(/\r\n /g, '');

describe('shiftsToICalendar', () => {
  it('writes one VEVENT per shift in UTC with CRLF line endings', () => {
    expect(shiftsToICalendar({ calendarName: 'Primary on call', shifts: [shift], now })).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Muster//On-call schedules//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Primary on call',
        'BEGIN:VEVENT',
        'UID:sch1-u1-1772953200@muster',
        'DTSTAMP:20260301T123456Z',
        'DTSTART:20260308T070000Z',
        'DTEND:20260309T130000Z',
        'SUMMARY:On call: Ada (Primary)',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('is a valid empty calendar without shifts', () => {
    const calendar = shiftsToICalendar({ calendarName: 'Empty', shifts: [], now });
    expect(calendar).not.toContain('BEGIN:VEVENT');
    expect(calendar.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('keeps a shift UID stable across fetches and distinct per shift', () => {
    const uids = (shifts: CalendarShift[], at: Date) =>
      shiftsToICalendar({ calendarName: 'c', shifts, now: at }).split('\r\n').filter((l) => l.startsWith('UID:'));
    const later = { ...shift, start: new Date('2026-03-09T13:00:00Z'), end: new Date('2026-03-10T13:00:00Z') };
    expect(uids([shift], now)).toEqual(uids([shift], new Date('2026-03-05T00:00:00Z')));
    expect(new Set(uids([shift, later, { ...shift, userId: 'u2' }], now)).size).toBe(3);
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    const calendar = shiftsToICalendar({ calendarName: 'Ops; Berlin, East \\ West\nTeam\r\nB', shifts: [], now });
    expect(calendar).toContain('X-WR-CALNAME:Ops\\; Berlin\\, East \\\\ West\\nTeam\\nB\r\n');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const name = `Bereitschaft Köln-Süd 🚒 ${'Rufbereitschaft für Störungen '.repeat(6)}`;
    const calendar = shiftsToICalendar({ calendarName: name, shifts: [{ ...shift, userName: 'Zoë Ünal 🚑'.repeat(8) }], now });
    const lines = calendar.split('\r\n');
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(lines.every((line) => octets(line) <= 75)).toBe(true);
    // A split surrogate pair would show up as U+FFFD after a UTF-8 round trip.
    expect(lines.every((line) => !new TextDecoder().decode(new TextEncoder().encode(line)).includes('\uFFFD'))).toBe(true);
    expect(unfold(calendar)).toContain(`X-WR-CALNAME:${name}\r\n`);
    expect(unfold(calendar)).toContain(`SUMMARY:On call: ${'Zoë Ünal 🚑'.repeat(8)} (Primary)\r\n`);
    expect(calendar).not.toMatch(/[^\r]\n/);
  });
});
