import { integer } from 'drizzle-orm/sqlite-core';

/** Every timestamp is stored as epoch milliseconds. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
