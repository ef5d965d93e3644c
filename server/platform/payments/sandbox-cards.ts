import { createHmac } from 'node:crypto';

/** What a sandbox card does when charged. */
export type SandboxBehaviour = 'succeed' | 'decline_insufficient_funds' | 'decline_do_not_honor' | 'review_then_settle' | 'review_then_decline';

/**
 * The documented test cards (README, "Payments"). Any other number that passes the Luhn check
 * succeeds too; a number that fails it is refused when it is tokenised.
 */
export const sandboxTestCards: Record<string, { behaviour: SandboxBehaviour; description: string }> = {
  '4242424242424242': { behaviour: 'succeed', description: 'Visa: succeeds' },
  '5555555555554444': { behaviour: 'succeed', description: 'Mastercard: succeeds' },
  '4000000000009995': { behaviour: 'decline_insufficient_funds', description: 'declined: insufficient funds (may be retried)' },
  '4000000000000002': { behaviour: 'decline_do_not_honor', description: 'declined: do not honour (never retried)' },
  '4000000000000259': { behaviour: 'review_then_settle', description: 'held for review, settles 30 minutes later' },
  '4000000000000267': { behaviour: 'review_then_decline', description: 'held for review, declined 30 minutes later' },
};

export function behaviourOf(number: string): SandboxBehaviour {
  return sandboxTestCards[number]?.behaviour ?? 'succeed';
}

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function brandOf(number: string): string | null {
  if (/^4/.test(number)) return 'Visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(number)) return 'Mastercard';
  if (/^3[47]/.test(number)) return 'American Express';
  return null;
}

// The sandbox's own key: the same number always has the same fingerprint, and the fingerprint does not reveal it.
const FINGERPRINT_KEY = 'switchboard-sandbox-processor-fingerprints';

export function fingerprintOf(number: string): string {
  return createHmac('sha256', FINGERPRINT_KEY).update(number).digest('base64url').slice(0, 22);
}

/** "MM/YY" or "MM/YYYY" (spaces allowed), as a month and a four-digit year, or null. */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

/** A card is valid through the last day of its expiry month. */
export function expired(expiry: { month: number; year: number }, now: Date): boolean {
  return expiry.year * 12 + expiry.month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}
