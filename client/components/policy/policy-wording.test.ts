import { describe, expect, it } from 'vitest';
import { explainFieldPaths, policyPreview, policySummary, timesWord, type Directory } from './policy-wording';

const person = (id: string, name: string, overrides: Partial<Directory['users'][number]> = {}) => ({
  id,
  name,
  email: `${id}@example.com`,
  role: 'responder' as const,
  active: true,
  ...overrides,
});
const directory: Directory = {
  users: [person('dana', 'Dana'), person('lee', 'Lee'), person('vic', 'Vic', { role: 'viewer' }), person('old', 'Olga', { active: false })],
  schedules: [{ id: 'primary', name: 'Primary' }],
};
const user = (id: string) => ({ type: 'user' as const, id });
const schedule = (id: string) => ({ type: 'schedule' as const, id });

describe('policy preview', () => {
  it('reads like the issue asks: at once, then after the delays so far, then the repeats', () => {
    const steps = [
      { delaySeconds: 300, targets: [schedule('primary')] },
      { delaySeconds: 600, targets: [user('dana')] },
    ];
    expect(policyPreview({ steps, repeat: 2 }, directory)).toEqual([
      'At once: page whoever is on call for Primary.',
      'After 5 min: page Dana.',
      'Then repeat twice, starting over after 15 min.',
    ]);
  });

  it('counts each step from when the incident opened, as the engine adds the delays up', () => {
    const steps = [
      { delaySeconds: 60, targets: [user('dana')] },
      { delaySeconds: 30, targets: [user('lee')] },
      { delaySeconds: 3600, targets: [schedule('primary')] },
    ];
    expect(policyPreview({ steps, repeat: 0 }, directory)).toEqual([
      'At once: page Dana.',
      'After 1 min: page Lee.',
      'After 1 min 30 s: page whoever is on call for Primary.',
    ]);
  });

  it('says no repeat at all for repeat 0, once and 3 times otherwise', () => {
    const steps = [{ delaySeconds: 5400, targets: [user('dana')] }];
    expect(policyPreview({ steps, repeat: 0 }, directory)).toEqual(['At once: page Dana.']);
    expect(policyPreview({ steps, repeat: 1 }, directory)[1]).toBe('Then repeat once, starting over after 1 h 30 min.');
    expect(policyPreview({ steps, repeat: 3 }, directory)[1]).toBe('Then repeat 3 times, starting over after 1 h 30 min.');
  });

  it('names several targets with "and", unknown ones sensibly, and warns of people who would be skipped', () => {
    const steps = [
      { delaySeconds: 60, targets: [user('dana'), user('gone'), schedule('deleted')] },
      { delaySeconds: 60, targets: [user('vic'), user('old')] },
      { delaySeconds: 60, targets: [] },
    ];
    expect(policyPreview({ steps, repeat: 0 }, directory)).toEqual([
      'At once: page Dana, an unknown person and whoever is on call for an unknown schedule.',
      'After 1 min: page Vic (a viewer: skipped) and Olga (deactivated: skipped).',
      'After 2 min: page nobody yet.',
    ]);
  });
});

describe('policy summary', () => {
  const services = [
    { id: 's1', name: 'Checkout API' },
    { id: 's2', name: 'Payments' },
  ];
  it('counts steps and names the services using the policy', () => {
    expect(policySummary({ steps: [{ delaySeconds: 60, targets: [] }], repeat: 0, serviceIds: [] }, services)).toBe('1 step · used by no service');
    const twoSteps = [
      { delaySeconds: 60, targets: [] },
      { delaySeconds: 60, targets: [] },
    ];
    expect(policySummary({ steps: twoSteps, repeat: 2, serviceIds: ['s1', 's2', 's9'] }, services)).toBe(
      '2 steps · repeats twice · used by Checkout API, Payments and an unknown service',
    );
  });
});

describe('small words', () => {
  it('counts repeats in words', () => {
    expect([1, 2, 9].map(timesWord)).toEqual(['once', 'twice', '9 times']);
  });

  it('turns the API’s field paths into the step and target numbers the screen shows', () => {
    expect(explainFieldPaths('Invalid body: steps.1.targets: a step needs at least one target')).toBe(
      'Invalid body: step 2 targets: a step needs at least one target',
    );
    expect(explainFieldPaths('steps.0.targets.2.id: Vic is a viewer; steps.3.delaySeconds: too long')).toBe(
      'step 1, target 3: Vic is a viewer; step 4 delay: too long',
    );
    expect(explainFieldPaths('Steps.0.delaySeconds: must be at least 1 second')).toBe('Step 1 delay: must be at least 1 second');
    expect(explainFieldPaths('name: must not be empty')).toBe('name: must not be empty');
  });
});
