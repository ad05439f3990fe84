import { describe, expect, it } from 'vitest';
import { noTriageFilter } from '../../shared/domain/triage';
import { filterQuery } from './incident-filter';

describe('incident list filter as a server query', () => {
  it('asks for open incidents in triage order by default', () => {
    expect(filterQuery(noTriageFilter)).toEqual({ status: ['triggered', 'acknowledged'], sort: 'triage' });
  });

  it('passes every choice: statuses, severities, service, "mine" and the search', () => {
    expect(
      filterQuery({ statuses: ['resolved'], severities: ['SEV-1', 'SEV-2'], serviceId: 'svc-1', mine: true, q: '50%', drills: 'only' }),
    ).toEqual({ status: ['resolved'], severity: ['SEV-1', 'SEV-2'], serviceId: 'svc-1', involvedUser: 'me', q: '50%', drills: 'only', sort: 'triage' });
  });

  it('sends drills=exclude or only, and nothing for the default (the server includes drills)', () => {
    expect(filterQuery({ ...noTriageFilter, drills: 'exclude' })).toEqual({ status: ['triggered', 'acknowledged'], drills: 'exclude', sort: 'triage' });
    expect(filterQuery({ ...noTriageFilter, drills: 'include' })).not.toHaveProperty('drills');
  });
});
