import { z } from 'zod';
import { eurosToMicros } from './money.js';

// Beside money.ts rather than in it: money.ts is read by the console's entry, which does not load zod.

/**
 * An amount of euros on the wire (a JSON number, or the text of a form field), checked to be exact
 * in micro-euros and turned into them: domain code only ever sees integer micro-euros.
 */
export const euroAmountSchema = (options: { min: number; max: number; label: string }) =>
  z
    .union([z.number(), z.string().trim().min(1, `Enter ${options.label}`)], { message: `Enter ${options.label} in EUR` })
    .transform((value, context) => {
      const micros = eurosToMicros(value);
      if (micros === null) {
        context.addIssue({ code: 'custom', message: `Enter ${options.label} in EUR, e.g. 10 or 12.50` });
        return z.NEVER;
      }
      if (micros < eurosToMicros(options.min)! || micros > eurosToMicros(options.max)!) {
        context.addIssue({ code: 'custom', message: `Enter ${options.label} between €${options.min} and €${options.max}` });
        return z.NEVER;
      }
      return micros;
    });
