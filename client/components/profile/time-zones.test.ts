import { describe, expect, it } from 'vitest';
import { timeZoneChoices } from './time-zones';

describe('time zone choices', () => {
  it('adds UTC and the saved zone to the browser list, sorted, without duplicates', () => {
    expect(timeZoneChoices(['Europe/Berlin', 'America/New_York'], 'Etc/GMT+3')).toEqual(['America/New_York', 'Etc/GMT+3', 'Europe/Berlin', 'UTC']);
    expect(timeZoneChoices(['UTC', 'Europe/Berlin'], 'Europe/Berlin')).toEqual(['Europe/Berlin', 'UTC']);
  });
});
