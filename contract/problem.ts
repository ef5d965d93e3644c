import { z } from 'zod';

export const invalidParameterSchema = z.object({ name: z.string(), reason: z.string() });

/** RFC 7807 problem details, as the Subaccounts spec spells them. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  detail: z.string(),
  instance: z.string(),
  invalid_parameters: z.array(invalidParameterSchema).optional(),
  retry_after: z.number().optional(),
});

export type Problem = z.infer<typeof problemSchema>;
export type InvalidParameterBody = z.infer<typeof invalidParameterSchema>;
