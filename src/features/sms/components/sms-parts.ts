import { splitIntoParts, type SmsEncoding } from '../../../../contract/sms-encoding.js';

export { DEMO_SUFFIX } from '../../../../contract/sms-encoding.js';

export interface SmsEstimate {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (unicode). */
  length: number;
  parts: number;
}

/** How the server will split (and charge) a text: the same rules, from the shared contract. */
export function estimateSms(text: string): SmsEstimate {
  const split = splitIntoParts(text);
  return { encoding: split.encoding, length: split.length, parts: split.parts.length };
}

export const encodingName: Record<SmsEncoding, string> = { text: 'GSM-7', unicode: 'Unicode' };
