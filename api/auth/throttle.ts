import type { Connection } from 'mongoose';
import { countAttempt, forgetAttempts, type Attempt, type Limit } from '../http/attempts';

const WINDOW_MS = 15 * 60_000;
/** Guesses at one username, from any number of addresses. */
export const LOGIN_PER_USERNAME: Limit = { name: 'login-user', limit: 10, windowMs: WINDOW_MS, what: 'failed sign-ins for one username' };
/** Guesses from one address, spread over any number of usernames. */
export const LOGIN_PER_ADDRESS: Limit = { name: 'login-address', limit: 30, windowMs: WINDOW_MS, what: 'failed sign-ins from one address' };

/**
 * Slows password guessing: every sign-in is counted under its username and under its
 * address before the password is checked; a success uncounts itself and clears the
 * username's failures (not the address's: an attacker's own account must not reset its
 * budget). Kept in the database, so all API processes share the count.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Connection,
    private readonly now: () => number,
  ) {}

  /** Counts the attempt; 429 with Retry-After past either limit. */
  begin(username: string, address: string): Promise<Attempt> {
    return countAttempt(this.db, this.now(), [
      { limit: LOGIN_PER_USERNAME, key: username.toLowerCase() },
      { limit: LOGIN_PER_ADDRESS, key: address },
    ]);
  }

  async succeeded(attempt: Attempt, username: string): Promise<void> {
    await attempt.release();
    await forgetAttempts(this.db, LOGIN_PER_USERNAME, username.toLowerCase(), this.now());
  }
}
