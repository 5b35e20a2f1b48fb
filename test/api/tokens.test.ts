import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenService } from '../../api/auth/tokens';
import type { Session } from '../../api/auth/service';

const session = (userId: string, sessionVersion = 1): Session => ({
  user: { userId, username: userId, name: '张三', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
  sessionVersion,
} as Session);

/** Flips one character of the token's signature part. */
function tampered(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.slice(-1)}`;
}

describe('login tokens', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('verifies a token once: its next requests are answered from what the first verification found', async () => {
    const tokens = new TokenService('a-secret-of-the-test-long-enough', 60);
    const { token } = await tokens.issue(session('clerk-a', 3));
    const verify = vi.spyOn(crypto.subtle, 'verify');
    expect(await tokens.verify(token)).toEqual({ userId: 'clerk-a', sessionVersion: 3 });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(await tokens.verify(token)).toEqual({ userId: 'clerk-a', sessionVersion: 3 });
    expect(await tokens.verify(token)).toEqual({ userId: 'clerk-a', sessionVersion: 3 });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('still refuses a token whose signature differs from one verified, and one signed with another secret', async () => {
    const tokens = new TokenService('a-secret-of-the-test-long-enough', 60);
    const { token } = await tokens.issue(session('clerk-a'));
    await tokens.verify(token);
    await expect(tokens.verify(tampered(token))).rejects.toMatchObject({ status: 401 });
    const forged = await new TokenService('another-secret-altogether-long', 60).issue(session('clerk-a'));
    await expect(tokens.verify(forged.token)).rejects.toMatchObject({ status: 401 });
    // Refused tokens are not remembered: refused again.
    await expect(tokens.verify(forged.token)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a remembered token once it has expired, at the second jose would', async () => {
    let now = Date.UTC(2026, 11, 7, 1, 0, 0);
    const tokens = new TokenService('a-secret-of-the-test-long-enough', 1, () => now);
    const { token, expiresAt } = await tokens.issue(session('clerk-a'));
    expect(await tokens.verify(token)).toMatchObject({ userId: 'clerk-a' });
    now = Date.parse(expiresAt) - 1;
    expect(await tokens.verify(token)).toMatchObject({ userId: 'clerk-a' });
    now = Date.parse(expiresAt);
    await expect(tokens.verify(token)).rejects.toMatchObject({ status: 401 });
    // A fresh service (nothing remembered) decides alike at that instant.
    await expect(new TokenService('a-secret-of-the-test-long-enough', 1, () => now).verify(token)).rejects.toMatchObject({ status: 401 });
  });

  it('remembers at most as many tokens as it is told, the least recently used forgotten first', async () => {
    const tokens = new TokenService('a-secret-of-the-test-long-enough', 60, Date.now, 2);
    const [a, b, c] = await Promise.all(['clerk-a', 'clerk-b', 'clerk-c'].map(async (id) => (await tokens.issue(session(id))).token));
    const verify = vi.spyOn(crypto.subtle, 'verify');
    await tokens.verify(a ?? '');
    await tokens.verify(b ?? '');
    await tokens.verify(a ?? ''); // a is now the more recently used
    await tokens.verify(c ?? ''); // b is forgotten
    expect(verify).toHaveBeenCalledTimes(3);
    await tokens.verify(a ?? '');
    await tokens.verify(c ?? '');
    expect(verify).toHaveBeenCalledTimes(3);
    await tokens.verify(b ?? '');
    expect(verify).toHaveBeenCalledTimes(4);
  });
});
