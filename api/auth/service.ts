import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { guardedUpdate } from '../../db/guarded-write';
import { userModel, type UserDoc } from '../../db/models/user';
import { ApiError, conflict, unauthenticated } from '../http/errors';
import type { Principal, Role } from '../http/principal';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';

export function principalOf(user: UserDoc & { _id: unknown }): Principal {
  return {
    userId: String(user._id),
    username: user.username,
    name: user.name,
    roles: user.roles as Role[],
    department: user.department ?? null,
    positions: user.positions,
    ...(user.mustChangePassword && { mustChangePassword: true }),
  };
}

/** A signed-in user and the session version its token carries. */
export interface Session {
  user: Principal;
  sessionVersion: number;
}

/** Checks a username and password; the same answer for an unknown user and a wrong password. */
export async function authenticate(db: Connection, username: string, password: string): Promise<Session> {
  const user = await userModel(db).findOne({ username, active: true }).lean();
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw unauthenticated('Wrong username or password.');
  return { user: principalOf(user), sessionVersion: user.sessionVersion ?? 0 };
}

/**
 * Creates the administrator on first start, when no user exists yet. Without a configured
 * password there is no default one: given `passwordFile`, a random password is generated,
 * kept in that file (readable by this user only) and must be changed at first sign-in;
 * otherwise nothing is created.
 */
export async function ensureAdministrator(
  db: Connection,
  logger: Logger,
  admin: { username: string; password: string | undefined; passwordFile?: string },
): Promise<boolean> {
  const users = userModel(db);
  await users.init();
  if ((await users.estimatedDocumentCount()) > 0) return false;
  let password = admin.password;
  if (!password && admin.passwordFile) {
    password = randomBytes(15).toString('base64url');
    // Written before the user exists: an administrator nobody can sign in as must not be left behind.
    writeFileSync(admin.passwordFile, `${password}\n`, { mode: 0o600 });
    chmodSync(admin.passwordFile, 0o600);
  }
  if (!password) {
    logger.warn('no user exists and ADMIN_PASSWORD is not set: no administrator was created');
    return false;
  }
  const generated = password !== admin.password;
  await users.create({
    username: admin.username,
    name: 'Administrator',
    passwordHash: await hashPassword(password),
    roles: ['administrator'],
    department: null,
    positions: [],
    mustChangePassword: generated,
  });
  logger.info({ username: admin.username, ...(generated && { passwordFile: admin.passwordFile }) }, generated ? 'administrator created with a generated password' : 'administrator created');
  return true;
}

/**
 * The caller's own new password: the current one must be given again. It ends every older
 * session (the session version) and lifts the generated first password's restriction.
 */
export async function changeOwnPassword(db: Connection, userId: string, currentPassword: string, newPassword: string): Promise<Session> {
  const users = userModel(db);
  const found = await users.findById(userId).lean();
  const user = found?.active ? found : null;
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new ApiError(422, 'wrong-password', 'Cannot be processed', 'The current password is wrong.', { errors: [{ in: 'body', pointer: '/currentPassword', detail: 'is wrong' }] });
  }
  if (currentPassword === newPassword) {
    throw new ApiError(422, 'same-password', 'Cannot be processed', 'The new password must differ from the current one.', { errors: [{ in: 'body', pointer: '/newPassword', detail: 'is the current password' }] });
  }
  // Guarded by the session version read: every change of the password, rights or active flag
  // bumps it, so the user written is the one read plus this change (one compare-and-swap on FerretDB).
  const read = user.sessionVersion ?? 0;
  const set = { passwordHash: await hashPassword(newPassword), mustChangePassword: false };
  const sameSession = { filter: { sessionVersion: user.sessionVersion }, holds: (stored: UserDoc | null) => stored !== null && (stored.sessionVersion ?? 0) === read };
  if (!(await guardedUpdate(users, user._id, sameSession, { $set: set, $inc: { sessionVersion: 1 } }))) {
    throw conflict('password-changed', 'The password was changed at the same moment; sign in again.');
  }
  const updated = { ...user, ...set, sessionVersion: read + 1 };
  return { user: principalOf(updated), sessionVersion: updated.sessionVersion };
}
