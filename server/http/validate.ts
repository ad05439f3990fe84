import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { badRequest } from '../errors';

const where: Record<string, string> = { json: 'body', query: 'query', param: 'path' };
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Refuses a body that is not valid UTF-8: Request.json() would decode it with U+FFFD in place of
 * each bad byte, so what was stored would silently differ from what was sent. It reads the raw
 * bytes, which later readers (c.req.json(), c.req.text()) reuse; a middleware that reads the body
 * as text before this runs has already replaced the bad bytes, so call it before such readers.
 */
export async function assertUtf8Body(c: Context): Promise<void> {
  try {
    strictUtf8.decode(await c.req.arrayBuffer());
  } catch {
    throw badRequest('request body is not valid UTF-8');
  }
}

/**
 * The body as JSON, read as strict UTF-8 like `assertUtf8Body`, for endpoints that take any Content-Type
 * (monitoring tools and shell scripts do not all set it); undefined when it is not valid JSON in UTF-8.
 */
export async function strictJsonBody(c: Context): Promise<{ value: unknown } | undefined> {
  try {
    return { value: JSON.parse(strictUtf8.decode(await c.req.arrayBuffer())) };
  } catch {
    return undefined;
  }
}

/**
 * zod validation whose failures name the field, like "title: must not be empty". JSON bodies reach it already
 * checked for UTF-8 (`jsonWrites`, before anything reads them).
 */
export function valid<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const validate = zValidator(target, schema, (result) => {
    if (result.success) return;
    const issues = result.error.issues.map((issue) => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : `${where[target] ?? target}: ${issue.message}`;
    });
    throw badRequest(`invalid ${where[target] ?? target}: ${issues.join('; ')}`);
  });
  return validate;
}
