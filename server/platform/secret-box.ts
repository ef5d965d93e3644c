import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';

const VERSION = 'v1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts values the server must read back in clear (a TOTP secret: the server computes the codes
 * too, so it cannot keep a hash) with AES-256-GCM. A sealed value is `v1.` + base64url(iv ‖ tag ‖
 * ciphertext); the tag makes any change to it (or another key) fail loudly instead of decrypting to
 * something else.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function isSealed(value: string): boolean {
  return value.startsWith(VERSION);
}

/** A box whose key is read on first use, so that building a context (the CLI, tools) needs no key. */
export function lazySecretBox(readKey: () => Buffer): SecretBox {
  let box: SecretBox | null = null;
  const get = () => (box ??= createSecretBox(readKey()));
  return { seal: (plaintext) => get().seal(plaintext), open: (sealed) => get().open(sealed) };
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`the encryption key must be ${KEY_BYTES} bytes, not ${key.length}`);
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
    },
    open(sealed) {
      if (!isSealed(sealed)) throw new Error('not a sealed value');
      const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/** 32 bytes, written base64 (`openssl rand -base64 32`). */
export function parseKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`ENCRYPTION_KEY must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`);
  return key;
}

/**
 * The key: ENCRYPTION_KEY; else the key file (ENCRYPTION_KEY_FILE), generated on first start outside
 * production; in tests without either, a fresh key for the process.
 */
export function encryptionKey(config: Config): Buffer {
  if (config.ENCRYPTION_KEY) return parseKey(config.ENCRYPTION_KEY);
  if (!config.ENCRYPTION_KEY_FILE && config.NODE_ENV === 'test') return randomBytes(KEY_BYTES);
  const file = config.ENCRYPTION_KEY_FILE ?? DEFAULT_KEY_FILE;
  if (!fs.existsSync(file)) {
    if (config.NODE_ENV === 'production') throw new Error(`no encryption key: set ENCRYPTION_KEY, or ENCRYPTION_KEY_FILE to an existing file (${file} does not exist)`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // `wx`: two processes starting at once never overwrite each other's key.
    try {
      fs.writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseKey(fs.readFileSync(file, 'utf8'));
}

export const DEFAULT_KEY_FILE = './data/encryption.key';

/** TOTP secrets stored before they were encrypted are sealed at start-up, once. */
export async function sealPlaintextTotpSecrets(db: Db, box: SecretBox): Promise<number> {
  const rows = await db.selectFrom('users').select(['id', 'totp_secret', 'totp_pending_secret']).where((eb) => eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)])).execute();
  let sealed = 0;
  for (const row of rows) {
    const update: { totp_secret?: string; totp_pending_secret?: string } = {};
    if (row.totp_secret !== null && !isSealed(row.totp_secret)) update.totp_secret = box.seal(row.totp_secret);
    if (row.totp_pending_secret !== null && !isSealed(row.totp_pending_secret)) update.totp_pending_secret = box.seal(row.totp_pending_secret);
    if (Object.keys(update).length === 0) continue;
    await db.updateTable('users').set(update).where('id', '=', row.id).execute();
    sealed += 1;
  }
  return sealed;
}
