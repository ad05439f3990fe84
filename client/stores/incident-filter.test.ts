import { describe, expect, it } from 'vitest';
import { incidentDetail } from '../testing/fixtures';
import { filterLabels, filterQuery, matchesFilter, parseFilter } from './incident-filter';

describe('incident list filters', () => {
  it('reads ?filter= and falls back to all open incidents', () => {
    expect(parseFilter('mine')).toBe('mine');
    expect(parseFilter('urgent')).toBe('urgent');
    expect(parseFilter('drills')).toBe('open');
    expect(parseFilter(undefined)).toBe('open');
    expect(parseFilter(['mine'])).toBe('open');
  });

  it('asks the server for open incidents, narrowed by severity or by who was paged', () => {
    expect(filterQuery('open')).toEqual({ status: ['triggered', 'acknowledged'] });
    expect(filterQuery('urgent')).toEqual({ status: ['triggered', 'acknowledged'], severity: ['SEV-1', 'SEV-2'] });
    expect(filterQuery('mine')).toEqual({ status: ['triggered', 'acknowledged'], pagedUser: 'me' });
  });

  it('applies the same rules on the device', () => {
    expect(matchesFilter(incidentDetail({ severity: 'SEV-2', status: 'acknowledged' }), 'urgent')).toBe(true);
    expect(matchesFilter(incidentDetail({ severity: 'SEV-3' }), 'urgent')).toBe(false);
    expect(matchesFilter(incidentDetail({ severity: 'SEV-1', status: 'resolved' }), 'urgent')).toBe(false);
    expect(matchesFilter(incidentDetail({ severity: 'SEV-4' }), 'mine')).toBe(true);
    expect(matchesFilter(incidentDetail({ status: 'resolved' }), 'open')).toBe(false);
  });

  it('labels the severity chip from the severity scale', () => {
    expect(filterLabels.urgent).toBe('SEV-1–2');
  });
});
