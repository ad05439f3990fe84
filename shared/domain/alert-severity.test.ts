import { describe, expect, it } from 'vitest';
import { defaultSeverityMapping, incidentSeverityFor } from './alert-severity';

describe('incidentSeverityFor', () => {
  it('maps the four tool severities by the service mapping', () => {
    expect(incidentSeverityFor('critical', defaultSeverityMapping)).toBe('SEV-1');
    expect(incidentSeverityFor('error', defaultSeverityMapping)).toBe('SEV-2');
    expect(incidentSeverityFor('warning', defaultSeverityMapping)).toBe('SEV-3');
    expect(incidentSeverityFor('info', defaultSeverityMapping)).toBe('SEV-4');
    expect(incidentSeverityFor('Critical', { ...defaultSeverityMapping, critical: 'SEV-2' })).toBe('SEV-2');
  });

  it("takes Muster's own levels as they are", () => {
    expect(incidentSeverityFor('SEV-1', { ...defaultSeverityMapping, critical: 'SEV-4' })).toBe('SEV-1');
    expect(incidentSeverityFor('sev-4', defaultSeverityMapping)).toBe('SEV-4');
  });

  it("falls back to the service's default for anything else", () => {
    const mapping = { ...defaultSeverityMapping, default: 'SEV-2' as const };
    expect(incidentSeverityFor(undefined, mapping)).toBe('SEV-2');
    expect(incidentSeverityFor('page', mapping)).toBe('SEV-2');
    expect(incidentSeverityFor('', mapping)).toBe('SEV-2');
  });
});
