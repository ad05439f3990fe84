import { describe, expect, it } from 'vitest';
import { matchesTriageFilter, noTriageFilter, parseTriageQuery, triageKey, triageOrder, triageQuery, type TriageFilter } from './triage';

const incident = (number: number, status: 'triggered' | 'acknowledged' | 'resolved', severity: 'SEV-1' | 'SEV-2' | 'SEV-3' | 'SEV-4') => ({
  number,
  status,
  severity,
  title: `Incident ${number}`,
  serviceId: number % 2 ? 'odd' : 'even',
});

describe('triage order', () => {
  it('triggered, then acknowledged, each by severity then longest waiting; resolved last, newest first', () => {
    const all = [
      incident(1, 'resolved', 'SEV-1'),
      incident(2, 'acknowledged', 'SEV-3'),
      incident(3, 'triggered', 'SEV-2'),
      incident(4, 'triggered', 'SEV-1'),
      incident(5, 'acknowledged', 'SEV-1'),
      incident(6, 'triggered', 'SEV-2'),
      incident(7, 'resolved', 'SEV-4'),
    ];
    expect([...all].sort(triageOrder).map((one) => one.number)).toEqual([4, 3, 6, 5, 2, 7, 1]);
  });
});

describe('the filter in the address', () => {
  const filter: TriageFilter = { statuses: ['triggered', 'resolved'], severities: ['SEV-2', 'SEV-1'], serviceId: 'svc 1', mine: true, q: 'disk 100%' };

  it('round-trips, in a stable order', () => {
    const query = triageQuery(filter);
    expect(query).toEqual({ status: 'triggered,resolved', severity: 'SEV-1,SEV-2', service: 'svc 1', mine: '1', q: 'disk 100%' });
    expect(parseTriageQuery(query)).toEqual({ ...filter, severities: ['SEV-1', 'SEV-2'] });
    expect(triageKey(filter)).toBe(triageKey({ ...filter, severities: ['SEV-1', 'SEV-2'] }));
  });

  it('is bare by default and drops what it does not know', () => {
    expect(triageQuery(noTriageFilter)).toEqual({});
    expect(parseTriageQuery({})).toEqual(noTriageFilter);
    expect(parseTriageQuery({ status: 'open,closed', severity: 'SEV-9', mine: 'yes', q: ['  x  ', 'y'] })).toEqual({ ...noTriageFilter, q: 'x' });
  });

  it('still reads the old ?filter=mine and ?filter=urgent links', () => {
    expect(parseTriageQuery({ filter: 'mine' })).toEqual({ ...noTriageFilter, mine: true });
    expect(parseTriageQuery({ filter: 'urgent' })).toEqual({ ...noTriageFilter, severities: ['SEV-1', 'SEV-2'] });
  });
});

describe('the filter on the device', () => {
  it('applies status (open by default), severity and service', () => {
    expect(matchesTriageFilter(incident(1, 'resolved', 'SEV-1'), noTriageFilter, false)).toBe(false);
    expect(matchesTriageFilter(incident(1, 'resolved', 'SEV-1'), { ...noTriageFilter, statuses: ['resolved'] }, false)).toBe(true);
    expect(matchesTriageFilter(incident(2, 'triggered', 'SEV-3'), { ...noTriageFilter, severities: ['SEV-1'] }, true)).toBe(false);
    expect(matchesTriageFilter(incident(2, 'triggered', 'SEV-3'), { ...noTriageFilter, serviceId: 'odd' }, true)).toBe(false);
    expect(matchesTriageFilter(incident(3, 'triggered', 'SEV-3'), { ...noTriageFilter, serviceId: 'odd' }, true)).toBe(true);
  });

  it('searches titles case-insensitively, unless the server answered for this search (it saw the alerts too)', () => {
    const search = { ...noTriageFilter, q: 'INCIDENT 4' };
    expect(matchesTriageFilter(incident(4, 'triggered', 'SEV-1'), search, false)).toBe(true);
    expect(matchesTriageFilter(incident(5, 'triggered', 'SEV-1'), search, false)).toBe(false);
    expect(matchesTriageFilter(incident(5, 'triggered', 'SEV-1'), search, true)).toBe(true);
  });
});
