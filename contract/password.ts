import { z } from 'zod';

export const passwordRules = [
  { id: 'length', label: 'At least 10 characters', test: (value: string) => value.length >= 10 },
  { id: 'letter', label: 'A letter', test: (value: string) => /\p{L}/u.test(value) },
  { id: 'digit', label: 'A digit', test: (value: string) => /\d/.test(value) },
] as const;

export const passwordSchema = z
  .string()
  .max(128, 'Use at most 128 characters')
  .superRefine((value, context) => {
    const broken = passwordRules.filter((rule) => !rule.test(value));
    if (broken.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `Password needs: ${broken.map((rule) => rule.label.toLowerCase()).join(', ')}`,
      });
    }
  });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid e-mail address' }));
