import { ApiError } from '../http/errors';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

/**
 * Slows password guessing: after 10 failed sign-ins for one username from one address
 * within 15 minutes, further attempts answer 429 until the window passes. Per process.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  check(key: string, now: number): void {
    const entry = this.failures.get(key);
    if (!entry) return;
    if (now - entry.since > WINDOW_MS) {
      this.failures.delete(key);
      return;
    }
    if (entry.count >= MAX_FAILURES) {
      const retryAfter = Math.ceil((entry.since + WINDOW_MS - now) / 1000);
      throw new ApiError(429, 'too-many-attempts', 'Too many attempts', 'Too many failed sign-ins; try again later.', {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }

  failed(key: string, now: number): void {
    const entry = this.failures.get(key);
    if (!entry || now - entry.since > WINDOW_MS) {
      if (this.failures.size > 100_000) this.failures.clear();
      this.failures.set(key, { count: 1, since: now });
    } else entry.count++;
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}
