import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

export const newApiKey = (): string => randomBytes(4).toString('hex');

/** A URL-safe token with 256 bits of entropy, for sessions and one-time links. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const newPin = (): string => String(randomInt(0, 10_000)).padStart(4, '0');

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';

/** A generated API secret: 16 chars, always meeting the complexity rule (lower, upper, digit). */
export function newApiSecret(): string {
  const all = lower + upper + digits;
  const pick = (alphabet: string) => alphabet[randomInt(0, alphabet.length)];
  const chars = [pick(lower), pick(upper), pick(digits)];
  while (chars.length < 16) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
