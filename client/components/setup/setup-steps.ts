import type { RouteLocationRaw } from 'vue-router';
import type { SetupProgress } from '../../../shared/api/setup-progress';

export interface SetupStep {
  id: string;
  label: string;
  done: boolean;
  to: RouteLocationRaw;
  /** Admins set the team up; everyone makes their own phone ring. */
  adminOnly: boolean;
}

/** The first-run guide's steps in the order a new team takes them, each ticked by what already exists. */
export function setupSteps(progress: SetupProgress, pushHere: boolean): SetupStep[] {
  return [
    { id: 'service', label: 'Create a service', done: progress.services > 0, to: { name: 'services' }, adminOnly: true },
    { id: 'people', label: 'Add the people who get paged', done: progress.activeUsers > 1, to: { name: 'people' }, adminOnly: true },
    { id: 'schedule', label: 'Make an on-call schedule', done: progress.schedules > 0, to: { name: 'schedules' }, adminOnly: true },
    {
      id: 'policy',
      label: 'Create an escalation policy and give it to a service',
      done: progress.policies > 0 && progress.pagingServices > 0,
      to: { name: progress.policies > 0 ? 'services' : 'policies' },
      adminOnly: true,
    },
    { id: 'push', label: 'Enable push on this phone', done: pushHere, to: { name: 'settings' }, adminOnly: false },
    { id: 'test-page', label: 'Send yourself a test page', done: progress.pageDelivered, to: { name: 'settings' }, adminOnly: false },
    { id: 'monitoring', label: 'Connect a monitoring tool', done: progress.monitoringConnected, to: { name: 'services' }, adminOnly: true },
  ];
}

/** The steps this user can take; empty once all of them are done, and then the guide goes away. */
export function stepsFor(steps: SetupStep[], isAdmin: boolean): SetupStep[] {
  const mine = steps.filter((step) => isAdmin || !step.adminOnly);
  return mine.every((step) => step.done) ? [] : mine;
}
