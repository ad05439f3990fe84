import { expect, it } from 'vitest';
import { joinAnd } from './wording';

it('joins names with commas and a final "and"', () => {
  expect(joinAnd([])).toBe('');
  expect(joinAnd(['Ada'])).toBe('Ada');
  expect(joinAnd(['Ada', 'Bob'])).toBe('Ada and Bob');
  expect(joinAnd(['Ada', 'Bob', 'Cy'])).toBe('Ada, Bob and Cy');
});
