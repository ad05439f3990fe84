import { describe, expect, it } from 'vitest';
import type { NotificationRule } from '../../../shared/api/paging';
import { judgeReachability } from './reachability';

const push = (delaySeconds = 0): NotificationRule => ({ delaySeconds, method: 'push' });
const contact = (contactMethodId: string, delaySeconds = 0): NotificationRule => ({ delaySeconds, method: 'contact', contactMethodId });
const none = new Set<string>();

describe('who a page can reach', () => {
  it('reaches by push with a device, or by a verified contact method that is not failing', () => {
    expect(judgeReachability([push()], 1, none, none)).toEqual({ reachable: true, why: null });
    expect(judgeReachability([contact('m1')], 0, new Set(['m1']), new Set(['m1']))).toEqual({ reachable: true, why: null });
    expect(judgeReachability([push(), contact('m1', 60)], 0, new Set(['m1']), new Set(['m1']))).toEqual({ reachable: true, why: null });
  });

  it('says why not, in words a commander can act on', () => {
    expect(judgeReachability([push()], 0, none, none)).toEqual({ reachable: false, why: 'no device, no contact method' });
    // A device, but rules that only name a method that keeps failing.
    expect(judgeReachability([contact('m1')], 2, none, new Set(['m1']))).toEqual({ reachable: false, why: 'no push rule, contact methods failing' });
    // A rule naming a method removed or never verified counts for nothing.
    expect(judgeReachability([push(), contact('gone')], 0, none, none)).toEqual({ reachable: false, why: 'no device, no contact method' });
  });
});
