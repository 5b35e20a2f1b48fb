import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { userModel, type UserDoc } from '../../db/models/user';
import { unauthenticated } from '../http/errors';
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
 * Creates the administrator on first start, when no user exists yet. Without a password
 * nothing is created: there is no default password.
 */
export async function ensureAdministrator(
  db: Connection,
  logger: Logger,
  admin: { username: string; password: string | undefined },
): Promise<boolean> {
  const users = userModel(db);
  await users.init();
  if ((await users.estimatedDocumentCount()) > 0) return false;
  if (!admin.password) {
    logger.warn('no user exists and ADMIN_PASSWORD is not set: no administrator was created');
    return false;
  }
  await users.create({
    username: admin.username,
    name: 'Administrator',
    passwordHash: await hashPassword(admin.password),
    roles: ['administrator'],
    department: null,
    positions: [],
  });
  logger.info({ username: admin.username }, 'administrator created');
  return true;
}
