import { describe, expect, it } from 'vitest';
import { noTriageFilter } from '../../shared/domain/triage';
import { filterQuery } from './incident-filter';

describe('incident list filter as a server query', () => {
  it('asks for open incidents in triage order by default', () => {
    expect(filterQuery(noTriageFilter)).toEqual({ status: ['triggered', 'acknowledged'], sort: 'triage' });
  });

  it('passes every choice: statuses, severities, service, "mine" and the search', () => {
    expect(
      filterQuery({ statuses: ['resolved'], severities: ['SEV-1', 'SEV-2'], serviceId: 'svc-1', mine: true, q: '50%' }),
    ).toEqual({ status: ['resolved'], severity: ['SEV-1', 'SEV-2'], serviceId: 'svc-1', involvedUser: 'me', q: '50%', sort: 'triage' });
  });
});
