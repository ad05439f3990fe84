import { describe, expect, it } from 'vitest';
import {
  drillFilters,
  isFiltered,
  matchesTriageFilter,
  noTriageFilter,
  parseDrillFilter,
  parseTriageQuery,
  triageKey,
  triageOrder,
  triageQuery,
  type TriageFilter,
} from './triage';

const incident = (number: number, status: 'triggered' | 'acknowledged' | 'resolved', severity: 'SEV-1' | 'SEV-2' | 'SEV-3' | 'SEV-4', drill = false) => ({
  number,
  status,
  severity,
  title: `Incident ${number}`,
  serviceId: number % 2 ? 'odd' : 'even',
  drill,
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

  it('puts every open real incident above the open drills, a real SEV-1/SEV-2 above even a triggered SEV-1 drill', () => {
    const all = [
      incident(1, 'triggered', 'SEV-1', true),
      incident(2, 'acknowledged', 'SEV-2'),
      incident(3, 'acknowledged', 'SEV-1', true),
      incident(4, 'triggered', 'SEV-1'),
      incident(5, 'resolved', 'SEV-1', true),
      incident(6, 'acknowledged', 'SEV-4'),
      incident(7, 'triggered', 'SEV-3', true),
      incident(8, 'resolved', 'SEV-3'),
    ];
    // Real: 4 (triggered), 2, 6 (acknowledged); drills: 1, 7 (triggered), 3; then history, newest first, drill or not.
    expect([...all].sort(triageOrder).map((one) => one.number)).toEqual([4, 2, 6, 1, 7, 3, 8, 5]);
  });
});

describe('the filter in the address', () => {
  const filter: TriageFilter = {
    statuses: ['triggered', 'resolved'],
    severities: ['SEV-2', 'SEV-1'],
    serviceId: 'svc 1',
    mine: true,
    q: 'disk 100%',
    drills: 'exclude',
  };

  it('round-trips, in a stable order', () => {
    const query = triageQuery(filter);
    expect(query).toEqual({ status: 'triggered,resolved', severity: 'SEV-1,SEV-2', service: 'svc 1', mine: '1', q: 'disk 100%', drills: 'exclude' });
    expect(parseTriageQuery(query)).toEqual({ ...filter, severities: ['SEV-1', 'SEV-2'] });
    expect(triageKey(filter)).toBe(triageKey({ ...filter, severities: ['SEV-1', 'SEV-2'] }));
  });

  it('is bare by default and drops what it does not know', () => {
    expect(triageQuery(noTriageFilter)).toEqual({});
    expect(parseTriageQuery({})).toEqual(noTriageFilter);
    expect(parseTriageQuery({ status: 'open,closed', severity: 'SEV-9', mine: 'yes', q: ['  x  ', 'y'], drills: 'never' })).toEqual({ ...noTriageFilter, q: 'x' });
  });

  it('reads and writes the drills choice; include is the default and leaves the address bare', () => {
    for (const drills of drillFilters) {
      const query = triageQuery({ ...noTriageFilter, drills });
      expect(query).toEqual(drills === 'include' ? {} : { drills });
      expect(parseTriageQuery(query)).toEqual({ ...noTriageFilter, drills });
      expect(isFiltered({ ...noTriageFilter, drills })).toBe(drills !== 'include');
    }
    expect(parseTriageQuery({ drills: ['only', 'exclude'] }).drills).toBe('only');
    expect(triageKey({ ...noTriageFilter, drills: 'only' })).not.toBe(triageKey({ ...noTriageFilter, drills: 'exclude' }));
    expect([parseDrillFilter('ONLY'), parseDrillFilter(null), parseDrillFilter('exclude')]).toEqual(['include', 'include', 'exclude']);
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

  it('leaves drills out or keeps only them, whether or not the server answered', () => {
    const real = incident(1, 'triggered', 'SEV-1');
    const drill = incident(2, 'triggered', 'SEV-1', true);
    const shown = (drills: TriageFilter['drills'], answered: boolean) =>
      [real, drill].filter((one) => matchesTriageFilter(one, { ...noTriageFilter, drills }, answered)).map((one) => one.number);
    for (const answered of [false, true]) {
      expect(shown('include', answered)).toEqual([1, 2]);
      expect(shown('exclude', answered)).toEqual([1]);
      expect(shown('only', answered)).toEqual([2]);
    }
    // A copy cached before drills existed has no `drill` field: it is a real incident.
    const { drill: _, ...cachedBeforeDrills } = real;
    expect(matchesTriageFilter(cachedBeforeDrills as typeof real, { ...noTriageFilter, drills: 'exclude' }, false)).toBe(true);
    expect(matchesTriageFilter(cachedBeforeDrills as typeof real, { ...noTriageFilter, drills: 'only' }, false)).toBe(false);
  });

  it('searches titles case-insensitively, unless the server answered for this search (it saw the alerts too)', () => {
    const search = { ...noTriageFilter, q: 'INCIDENT 4' };
    expect(matchesTriageFilter(incident(4, 'triggered', 'SEV-1'), search, false)).toBe(true);
    expect(matchesTriageFilter(incident(5, 'triggered', 'SEV-1'), search, false)).toBe(false);
    expect(matchesTriageFilter(incident(5, 'triggered', 'SEV-1'), search, true)).toBe(true);
  });
});
