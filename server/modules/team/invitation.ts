import { randomInt } from 'node:crypto';
import { TEMPORARY_PASSWORD_HOURS } from '../../../contract/team.js';
import type { Config } from '../../config.js';
import { publicUrl } from '../../config.js';
import type { Email } from '../../platform/delivery/mailer.js';

// No look-alike characters (0/O, 1/l/I): the member types it from an e-mail.
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of four (about 93 bits): `k7Qm-2pXd-9fRt-Wb3n`. */
export function newTemporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(0, alphabet.length)]).join(''));
  return groups.join('-');
}

export interface Invitation {
  to: string;
  name: string;
  invitedBy: string;
  companyName: string;
  roleName: string;
  temporaryPassword: string;
  expiresAt: string;
}

export function invitationMail(config: Config, invitation: Invitation): Email {
  const expires = new Date(invitation.expiresAt).toISOString().replace('T', ' ').slice(0, 16);
  return {
    to: invitation.to,
    subject: `${invitation.invitedBy} invited you to ${invitation.companyName} on Switchboard`,
    text: [
      `Hello ${invitation.name},`,
      '',
      `${invitation.invitedBy} invited you to the Switchboard account of ${invitation.companyName}, as ${invitation.roleName}.`,
      '',
      `Sign in at ${publicUrl(config)}/signin with`,
      `  E-mail: ${invitation.to}`,
      `  Temporary password: ${invitation.temporaryPassword}`,
      '',
      `The temporary password works for ${TEMPORARY_PASSWORD_HOURS} hours, until ${expires} UTC. When you first sign in, you choose a password of your own.`,
      'If you did not expect this invitation, ignore this e-mail.',
    ].join('\n'),
  };
}
