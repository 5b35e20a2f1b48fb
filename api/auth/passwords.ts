import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

const COST = 10;

/** bcrypt hash of a password (pure JS: no native build to install). */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash of nothing, compared against when the user does not exist, so timing tells nothing. */
export const DUMMY_HASH = bcrypt.hashSync('not-a-password', COST);

/** SHA-256 of an external system's API key: the key is long and random, so no slow hash is needed, and only the hash is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new external system's API key: shown once, stored only as its hash. */
export function newApiKey(systemId: string): { apiKey: string; keyHash: string } {
  const apiKey = `sk_${systemId}_${randomBytes(24).toString('base64url')}`;
  return { apiKey, keyHash: hashApiKey(apiKey) };
}
