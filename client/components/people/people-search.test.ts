import { describe, expect, it } from 'vitest';
import { searchPeople } from './people-search';

const person = (id: string, name: string, email: string, active = true) => ({ id, name, email, active });
const people = [
  person('u1', 'René Dubois', 'rene@example.com'),
  person('u2', 'Dana Scully', 'dana@example.com'),
  person('u3', 'Ada Lovelace', 'ada@example.com'),
  person('u4', 'Old Timer', 'old@example.com', false),
];

describe('people search', () => {
  it('finds by name or email, whatever the case or accents', () => {
    expect(searchPeople(people, 'rene', new Set()).map((p) => p.id)).toEqual(['u1']);
    expect(searchPeople(people, 'DANA@', new Set()).map((p) => p.id)).toEqual(['u2']);
    expect(searchPeople(people, 'RENÉ D', new Set()).map((p) => p.id)).toEqual(['u1']);
  });

  it('leaves out people already chosen and deactivated people, and lists by name', () => {
    expect(searchPeople(people, '', new Set(['u2'])).map((p) => p.id)).toEqual(['u3', 'u1']);
    expect(searchPeople(people, 'old', new Set())).toEqual([]);
  });
});
