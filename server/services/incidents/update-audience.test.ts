import { describe, expect, it } from 'vitest';
import { drillParticipants, roleHolders, updateRecipients } from './update-audience';

const follower = (userId: string, viaContactMethods = false) => ({ userId, name: userId, viaService: false, viaContactMethods });

describe('status update audience', () => {
  const followers = [follower('ada'), follower('bob', true), follower('cy')];

  it('sends a stakeholder update to every follower but its author', () => {
    expect(updateRecipients(followers, 'stakeholders', new Set(), 'ada')).toEqual([
      { userId: 'bob', viaContactMethods: true },
      { userId: 'cy', viaContactMethods: false },
    ]);
  });

  it('sends an internal update only to followers in the response', () => {
    expect(updateRecipients(followers, 'internal', new Set(['cy', 'dee']), null)).toEqual([{ userId: 'cy', viaContactMethods: false }]);
  });

  it('lists role holders', () => {
    expect(roleHolders({ commander: 'a', communications: null, scribe: 's', experts: ['e1', 'e2'] })).toEqual(['a', 's', 'e1', 'e2']);
    expect(roleHolders(null)).toEqual([]);
  });

  it("on a drill's incident tells only followers who take part in the drill, whatever the audience", () => {
    const drillPeople = new Set(['bob']);
    expect(updateRecipients(followers, 'stakeholders', new Set(), null, drillPeople)).toEqual([{ userId: 'bob', viaContactMethods: true }]);
    expect(updateRecipients(followers, 'internal', new Set(['ada', 'bob']), 'bob', drillPeople)).toEqual([]);
  });

  it("counts a drill's participant list, or without one whom it paged, who started it and the role holders", () => {
    const roles = { commander: 'cmd', communications: null, scribe: null, experts: ['sme'] };
    expect([...drillParticipants({ participants: ['p1', 'p2'], createdBy: 'boss' }, ['paged'], roles)]).toEqual(['p1', 'p2']);
    expect([...drillParticipants({ participants: null, createdBy: 'boss' }, ['paged'], roles)].sort()).toEqual(['boss', 'cmd', 'paged', 'sme']);
    expect([...drillParticipants({ participants: null, createdBy: null }, [], null)]).toEqual([]);
  });
});
