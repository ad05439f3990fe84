import { describe, expect, it } from 'vitest';
import type { SetupProgress } from '../../../shared/api/setup-progress';
import { setupSteps, stepsFor } from './setup-steps';

const fresh: SetupProgress = { services: 0, pagingServices: 0, activeUsers: 1, schedules: 0, policies: 0, monitoringConnected: false, pageDelivered: false, unreachableUsers: 0 };
const doneIds = (progress: SetupProgress, push = false) =>
  setupSteps(progress, push)
    .filter((step) => step.done)
    .map((step) => step.id);

describe('first-run steps', () => {
  it('tick nothing on a new installation with only its first admin', () => {
    expect(doneIds(fresh)).toEqual([]);
  });

  it('tick each step from what exists', () => {
    expect(doneIds({ ...fresh, services: 1, activeUsers: 3, schedules: 1 })).toEqual(['service', 'people', 'schedule']);
    expect(doneIds({ ...fresh, monitoringConnected: true, pageDelivered: true }, true)).toEqual(['push', 'test-page', 'monitoring']);
  });

  it('count a policy as done only once a service pages through it', () => {
    expect(doneIds({ ...fresh, policies: 1 })).not.toContain('policy');
    expect(doneIds({ ...fresh, policies: 1, pagingServices: 1 })).toContain('policy');
  });

  it('show everyone only the steps they can take, and nothing once those are done', () => {
    const steps = setupSteps({ ...fresh, pageDelivered: true }, true);
    expect(stepsFor(steps, false)).toEqual([]);
    expect(stepsFor(steps, true).map((step) => step.id)).toHaveLength(7);
    expect(stepsFor(setupSteps(fresh, false), false).map((step) => step.id)).toEqual(['push', 'test-page']);
    const complete = { services: 1, pagingServices: 1, activeUsers: 2, schedules: 1, policies: 1, monitoringConnected: true, pageDelivered: true, unreachableUsers: 0 };
    expect(stepsFor(setupSteps(complete, true), true)).toEqual([]);
  });
});
