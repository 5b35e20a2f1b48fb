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
