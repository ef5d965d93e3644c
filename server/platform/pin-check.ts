import type { Clock } from './clock.js';
import { MINUTE } from './clock.js';
import { verifySecret } from './passwords.js';
import { ProblemError } from './problems.js';

/** Every PIN we send (sign-up, test numbers): 4 digits, valid 5 minutes, 3 attempts, resent after 30 s. */
export const PIN_TTL = 5 * MINUTE;
export const PIN_MAX_ATTEMPTS = 3;
export const PIN_RESEND_COOLDOWN = 30_000;

export interface PinUnderCheck {
  pinHash: string | null;
  expiresAt: string | null;
  /**
   * Counts one attempt in a single guarded statement, only while the PIN is live and has attempts
   * left; returns the attempts used, or null when none was left.
   */
  countAttempt(): Promise<number | null>;
  /** Makes the PIN unusable after its last wrong attempt. */
  voidPin(): Promise<void>;
}

/**
 * Checks a PIN. The attempt is counted before the comparison, so parallel guesses can never get more
 * than the three allowed. Throws a 422 naming `pin`, with `attempts_left`, when it is not accepted.
 */
export async function checkPin(clock: Clock, subject: PinUnderCheck, pin: string): Promise<void> {
  if (!subject.pinHash) throw pinProblem('This PIN is no longer valid. Request a new one.', 0);
  if (!subject.expiresAt || subject.expiresAt <= clock.now().toISOString()) throw pinProblem('This PIN has expired. Request a new one.', 0);
  const used = await subject.countAttempt();
  if (used === null) throw pinProblem('This PIN is no longer valid. Request a new one.', 0);
  if (await verifySecret(subject.pinHash, pin)) return;
  const left = PIN_MAX_ATTEMPTS - used;
  if (left > 0) throw pinProblem(`Wrong PIN. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`, left);
  await subject.voidPin();
  throw pinProblem('Wrong PIN three times: this PIN is void. Request a new one.', 0);
}

export function pinProblem(reason: string, attemptsLeft: number): ProblemError {
  return new ProblemError({
    status: 422,
    title: 'PIN not accepted',
    detail: reason,
    invalidParameters: [{ name: 'pin', reason }],
    extensions: { attempts_left: attemptsLeft },
  });
}
