import { describe, expect, it } from 'vitest';
import { stormDecision } from './storm';

const now = new Date('2026-12-02T03:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('stormDecision', () => {
  it('opens incidents up to the cap, then starts a storm', () => {
    expect(stormDecision({ recentIncidents: 19, threshold: 20, stormLastAlertAt: null, now })).toBe('open-incident');
    expect(stormDecision({ recentIncidents: 20, threshold: 20, stormLastAlertAt: null, now })).toBe('start-storm');
  });

  it('keeps folding into a storm that took an alert within the last minute, even once the count fell', () => {
    expect(stormDecision({ recentIncidents: 0, threshold: 20, stormLastAlertAt: ago(59), now })).toBe('join-storm');
  });

  it('lets a storm go quiet: a minute without alerts and new alerts open incidents again', () => {
    expect(stormDecision({ recentIncidents: 0, threshold: 20, stormLastAlertAt: ago(60), now })).toBe('open-incident');
    expect(stormDecision({ recentIncidents: 25, threshold: 20, stormLastAlertAt: ago(61), now })).toBe('start-storm');
  });
});
