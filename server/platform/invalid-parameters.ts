import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { InvalidParameter } from './problems.js';

/**
 * The one reading of a request that failed its zod schema, for every error family: each issue is
 * named by its field path (dotted), else by the unknown key it reports, else by `whole` (what the
 * family calls the request part itself; by default the part that failed: body, querystring, params).
 * Returns null when the error is not a schema validation failure.
 */
export function invalidParametersOf(error: unknown, whole?: string): InvalidParameter[] | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  return error.validation.map((issue) => ({
    name: issue.instancePath.slice(1).replace(/\//g, '.') || (issue.params as { keys?: string[] } | undefined)?.keys?.[0] || whole || error.validationContext || 'body',
    reason: /received undefined$/.test(issue.message ?? '') ? 'Required' : (issue.message ?? 'Invalid value'),
  }));
}
