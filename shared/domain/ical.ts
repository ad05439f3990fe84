/**
 * On-call shifts as an RFC 5545 iCalendar feed (`GET /api/v1/schedules/:id.ics`), so
 * people see their shifts in the calendar they already use.
 *
 * Times are written in UTC, which every client understands without a VTIMEZONE block;
 * the client shows them in the reader's own zone.
 */
export interface CalendarShift {
  scheduleId: string;
  scheduleName: string;
  userId: string;
  userName?: string;
  start: Date;
  end: Date;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

export function shiftsToICalendar({ calendarName, shifts, now }: { calendarName: string; shifts: CalendarShift[]; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Muster//On-call schedules//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    ...shifts.flatMap((shift) => [
      'BEGIN:VEVENT',
      // Stable across fetches, so calendar clients update a shift in place instead of duplicating it.
      `UID:${escapeText(`${shift.scheduleId}-${shift.userId}-${Math.floor(shift.start.getTime() / 1000)}@muster`)}`,
      `DTSTAMP:${utcDateTime(now)}`,
      `DTSTART:${utcDateTime(shift.start)}`,
      `DTEND:${utcDateTime(shift.end)}`,
      `SUMMARY:${escapeText(`On call: ${shift.userName ?? shift.userId} (${shift.scheduleName})`)}`,
      // Being on call does not make anyone busy for meeting planners.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped; other control characters are not allowed. */
function escapeText(text: string): string {
  return text
    .replace(/\\|;|,|\r\n|\r|\n/g, (match) => (match.length === 1 && '\\;,'.includes(match) ? `\\${match}` : '\\n'))
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
}

/** 20260308T070000Z (RFC 5545 §3.3.5, UTC form). */
function utcDateTime(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF + space, never splitting a UTF-8 character. */
function fold(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0)!);
    // A continuation line's leading space counts towards its 75 octets.
    const limit = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join(`${CRLF} `);
}

function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}
