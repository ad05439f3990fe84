import { describe, expect, it } from 'vitest';
import { roleHolders, updateRecipients } from './update-audience';

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
});
