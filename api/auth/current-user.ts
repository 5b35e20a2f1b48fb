import type { Request } from 'express';
import { isValidObjectId, type Connection } from 'mongoose';
import { userModel } from '../../db/models/user';
import type { ApiContext } from '../context';
import { unauthenticated } from '../http/errors';
import type { Principal } from '../http/principal';
import { principalOf } from './service';

const TTL_MS = 30_000;
const caches = new WeakMap<Connection, Map<string, { principal: Principal | null; until: number }>>();

function cacheOf(db: Connection) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** Drops a user from this process's cache after a change, so it applies at once here. */
export function forgetUser(db: Connection, userId: string): void {
  cacheOf(db).delete(userId);
}

/**
 * Authenticates a request's bearer token, then takes roles, department and positions from
 * the user as stored, cached for 30 s: a deactivated user or a changed role takes effect
 * within that time, not only when the token expires.
 */
export function currentUser(ctx: ApiContext) {
  const cache = cacheOf(ctx.db);
  return async (req: Request): Promise<Principal> => {
    const claimed = await ctx.tokens.fromRequest(req);
    const now = Date.now();
    let entry = cache.get(claimed.userId);
    if (!entry || entry.until < now) {
      const user = isValidObjectId(claimed.userId) ? await userModel(ctx.db).findOne({ _id: claimed.userId, active: true }).lean() : null;
      entry = { principal: user ? principalOf(user) : null, until: now + TTL_MS };
      if (cache.size > 10_000) cache.clear();
      cache.set(claimed.userId, entry);
    }
    if (!entry.principal) throw unauthenticated('The account is no longer active.');
    return entry.principal;
  };
}
