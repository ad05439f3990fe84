import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { badRequest } from '../errors';

const where: Record<string, string> = { json: 'body', query: 'query', param: 'path' };

/** zod validation whose failures read like "title: must not be empty". */
export function valid<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const issues = result.error.issues.map((issue) => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : `${where[target] ?? target}: ${issue.message}`;
    });
    throw badRequest(`invalid ${where[target] ?? target}: ${issues.join('; ')}`);
  });
}
