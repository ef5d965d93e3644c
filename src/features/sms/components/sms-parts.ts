/**
 * An estimate of how an SMS is split and charged, for the confirmation before sending. The server's
 * own split (server/modules/sms/encoding.ts, GSM 03.38) is what counts; this mirrors its rules:
 * GSM-7 holds 160 septets in one SMS or 153 per part, extension characters cost two; anything outside
 * GSM-7 goes as UCS-2, 70 code units in one SMS or 67 per part; a character is never split.
 */

export type SmsEncoding = 'text' | 'unicode';

/** Appended by the server to every text sent in DEMO mode, before it is split and priced. */
export const DEMO_SUFFIX = ' [DEMO]';

const basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const extension = new Set('\f^{}\\[~]|€');

export interface SmsEstimate {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (unicode). */
  length: number;
  parts: number;
}

export function estimateSms(text: string): SmsEstimate {
  const chars = [...text];
  const encoding: SmsEncoding = chars.every((char) => basic.has(char) || extension.has(char)) ? 'text' : 'unicode';
  const cost = (char: string) => (encoding === 'text' ? (extension.has(char) ? 2 : 1) : char.length);
  const length = chars.reduce((sum, char) => sum + cost(char), 0);
  if (length <= (encoding === 'text' ? 160 : 70)) return { encoding, length, parts: 1 };

  const perPart = encoding === 'text' ? 153 : 67;
  let parts = 1;
  let used = 0;
  for (const char of chars) {
    const size = cost(char);
    if (used + size > perPart) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, length, parts };
}

export const encodingName: Record<SmsEncoding, string> = { text: 'GSM-7', unicode: 'Unicode' };
