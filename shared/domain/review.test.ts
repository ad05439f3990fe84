import { describe, expect, it } from 'vitest';
import { actionItemOverdue, compareActionItems, factorBlamesPerson, reviewMissing } from './review';

describe('factorBlamesPerson', () => {
  const people = ['Ada Lovelace', 'Bob'];
  it('matches a factor that is only a person’s name, however written', () => {
    expect(factorBlamesPerson('Ada Lovelace', people)).toBe('Ada Lovelace');
    expect(factorBlamesPerson('  ada   lovelace. ', people)).toBe('Ada Lovelace');
    expect(factorBlamesPerson('Root cause: Bob!', people)).toBe('Bob');
    expect(factorBlamesPerson('cause = bob', people)).toBe('Bob');
  });
  it('lets a factor describe a condition, even one mentioning a person', () => {
    expect(factorBlamesPerson('Bob had no staging environment', people)).toBeNull();
    expect(factorBlamesPerson('Deploys skip the canary', people)).toBeNull();
    expect(factorBlamesPerson('', people)).toBeNull();
    expect(factorBlamesPerson('Bobby', people)).toBeNull();
  });
});

describe('reviewMissing', () => {
  it('names what completing needs', () => {
    expect(reviewMissing({ summary: ' ', contributingFactors: [' '] })).toEqual(['a summary', 'at least one contributing factor']);
    expect(reviewMissing({ summary: 'x', contributingFactors: ['y'] })).toEqual([]);
  });
});

describe('action item order', () => {
  const today = '2026-03-10';
  it('is overdue only while open and past its day', () => {
    expect(actionItemOverdue({ status: 'open', dueDate: '2026-03-09' }, today)).toBe(true);
    expect(actionItemOverdue({ status: 'open', dueDate: today }, today)).toBe(false);
    expect(actionItemOverdue({ status: 'done', dueDate: '2026-03-01' }, today)).toBe(false);
    expect(actionItemOverdue({ status: 'open', dueDate: null }, today)).toBe(false);
  });
  it('sorts overdue first, then by due date, undated last', () => {
    const items = [
      { title: 'none', status: 'open', dueDate: null },
      { title: 'later', status: 'open', dueDate: '2026-04-01' },
      { title: 'done late', status: 'done', dueDate: '2026-03-01' },
      { title: 'late', status: 'open', dueDate: '2026-03-05' },
      { title: 'today', status: 'open', dueDate: today },
    ] as const;
    expect([...items].sort(compareActionItems(today)).map((item) => item.title)).toEqual(['late', 'done late', 'today', 'later', 'none']);
  });
});
