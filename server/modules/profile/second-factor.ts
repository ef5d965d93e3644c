import { randomBytes } from 'node:crypto';
import { verify } from 'otplib';
import type { Tx } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { sha256 } from '../../platform/ids.js';

/** Accepts a code from the app up to one 30-second step early or late (clocks drift). */
const TOLERANCE_SECONDS = 30;

/** Checks a code against a TOTP secret at the clock's time; returns its time step, or null. */
export async function totpTimeStep(secret: string, code: string, clock: Clock, afterTimeStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(clock.now().getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Ten codes of 50 random bits each, shown once; only their hashes are kept. */
export function newRecoveryCodes(count: number): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: count }, () => {
    const text = randomBytes(8).toString('hex').slice(0, 10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
  return { codes, hashes: codes.map((code) => sha256(normaliseRecoveryCode(code))) };
}

/**
 * Spends the second factor of a user who has two-factor sign-in on: an app code (each time step
 * once) or an unused recovery code (once). Returns how it was proved, or null when it was not.
 */
export async function spendSecondFactor(
  tx: Tx,
  clock: Clock,
  user: { id: string; totp_secret: string; totp_last_step: number | null },
  code: string,
): Promise<'app' | 'recovery_code' | null> {
  const step = await totpTimeStep(user.totp_secret, code.trim(), clock, user.totp_last_step);
  if (step !== null) {
    const claimed = await tx
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1 ? 'app' : null;
  }
  const used = await tx
    .updateTable('recovery_codes')
    .set({ used_at: clock.now().toISOString() })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', sha256(normaliseRecoveryCode(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? 'recovery_code' : null;
}
