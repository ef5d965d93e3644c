/**
 * SMS encoding and concatenation (3GPP TS 23.038 / 23.040), pure functions.
 *
 * - GSM-7: the default alphabet costs one septet per character, the extension table (form feed and
 *   ^ { } \ [ ~ ] | €) two (escape + character). One SMS holds 160 septets; each part of a
 *   concatenated SMS holds 153, because the 6-octet concatenation header takes the rest.
 * - UCS-2 (UTF-16 on the wire): used when any character is outside GSM-7, or when the caller asks for
 *   `type=unicode`. One SMS holds 70 code units, a concatenated part 67.
 * - A part never ends in the middle of an escape pair or of a surrogate pair: the character moves
 *   whole to the next part, as handsets and carriers require.
 */

export type SmsEncoding = 'text' | 'unicode';

/** Appended to every text sent in DEMO mode, before it is split and priced. */
export const DEMO_SUFFIX = ' [DEMO]';

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export const SINGLE_PART_SEPTETS = 160;
export const CONCAT_PART_SEPTETS = 153;
export const SINGLE_PART_UNITS = 70;
export const CONCAT_PART_UNITS = 67;

/** Septets one character costs in GSM-7, or null when it has no GSM-7 form. */
export function gsm7Septets(char: string): 1 | 2 | null {
  if (basic.has(char)) return 1;
  if (extension.has(char)) return 2;
  return null;
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (gsm7Septets(char) === null) return false;
  return true;
}

/** The encoding a text is sent in: GSM-7 when every character has a GSM-7 form, unless unicode is asked for. */
export function encodingFor(text: string, requested: SmsEncoding = 'text'): SmsEncoding {
  return requested === 'unicode' || !isGsm7(text) ? 'unicode' : 'text';
}

export interface SplitMessage {
  encoding: SmsEncoding;
  /** Septets (text) or UTF-16 code units (unicode) of the whole text. */
  length: number;
  parts: string[];
}

/** Splits a text into the parts it is sent (and charged) as. An empty text is one empty part. */
export function splitIntoParts(text: string, requested: SmsEncoding = 'text'): SplitMessage {
  const encoding = encodingFor(text, requested);
  // Iterating a string yields code points, so a surrogate pair is one step costing 2 code units.
  const cost = (char: string) => (encoding === 'text' ? (gsm7Septets(char) as number) : char.length);
  const chars = [...text];
  const length = chars.reduce((sum, char) => sum + cost(char), 0);
  const single = encoding === 'text' ? SINGLE_PART_SEPTETS : SINGLE_PART_UNITS;
  if (length <= single) return { encoding, length, parts: [text] };

  const perPart = encoding === 'text' ? CONCAT_PART_SEPTETS : CONCAT_PART_UNITS;
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const size = cost(char);
    if (used + size > perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += size;
  }
  parts.push(current);
  return { encoding, length, parts };
}

export function countParts(text: string, requested: SmsEncoding = 'text'): number {
  return splitIntoParts(text, requested).parts.length;
}
