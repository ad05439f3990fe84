import { describe, expect, it } from 'vitest';
import { addedAsWording, applyRolesChange, checklistItem, noRoles, roleChanges, roleChecklists, roleHolders, rolesHeldBy } from './incident-roles';

describe('incident roles', () => {
  const roles = { commander: 'ada', communications: null, scribe: 'cy', experts: ['dan', 'cy'] };

  it('keeps the holder of every field left out, and each expert once', () => {
    expect(applyRolesChange(roles, { commander: 'bob', experts: ['eve', 'eve'] })).toEqual({ commander: 'bob', communications: null, scribe: 'cy', experts: ['eve'] });
    expect(applyRolesChange(roles, { scribe: null })).toEqual({ ...roles, scribe: null });
  });

  it('lists each role that changed, experts as added and removed', () => {
    expect(roleChanges(roles, applyRolesChange(roles, { commander: 'bob', experts: ['dan', 'eve'] }))).toEqual([
      { role: 'commander', from: 'ada', to: 'bob' },
      { role: 'experts', added: ['eve'], removed: ['cy'] },
    ]);
    expect(roleChanges(roles, roles)).toEqual([]);
  });

  it('finds holders and what one person holds', () => {
    expect(roleHolders(roles)).toEqual(['ada', 'cy', 'dan']);
    expect(rolesHeldBy(roles, 'cy')).toEqual(['scribe', 'experts']);
    expect(rolesHeldBy(noRoles, 'cy')).toEqual([]);
  });

  it('has the practice checklists, looked up within their role only', () => {
    expect(roleChecklists.commander.map((item) => item.key)).toEqual(['size-up', 'stabilise', 'assign-roles', 'set-cadence', 'verify-recovery']);
    expect(checklistItem('scribe', 'capture-decisions')?.label).toBe('Capture decisions and actions');
    expect(checklistItem('scribe', 'size-up')).toBeUndefined();
  });

  it('words the page a newcomer gets', () => {
    expect(addedAsWording('experts', 12)).toBe('You were added as Subject Matter Expert on #12');
    expect(addedAsWording(null, 3)).toBe('You were added as a responder on #3');
  });
});
