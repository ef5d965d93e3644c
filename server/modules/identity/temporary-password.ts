import { TEMPORARY_PASSWORD_EXPIRED } from '../../../contract/team.js';
import type { Clock } from '../../platform/clock.js';
import { ProblemError } from '../../platform/problems.js';

/** An invitation's temporary password works until its expiry; after it only a new invitation helps. */
export function assertTemporaryPasswordValid(clock: Clock, expiresAt: string | null): void {
  if (expiresAt === null || expiresAt > clock.now().toISOString()) return;
  const when = expiresAt.replace('T', ' ').slice(0, 16);
  throw new ProblemError({
    status: 403,
    type: TEMPORARY_PASSWORD_EXPIRED,
    title: 'Temporary password expired',
    detail: `Your temporary password expired on ${when} UTC. Ask an administrator of your account to send you a new invitation.`,
  });
}
