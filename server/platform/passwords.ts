import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's recommended memory/time cost.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashSecret = (plain: string): Promise<string> => hash(plain, options);

export async function verifySecret(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}
