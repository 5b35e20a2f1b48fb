import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Request } from 'express';
import { unauthenticated } from '../http/errors';
import { ROLES, type Principal, type Role } from '../http/principal';

const ISSUER = 'sunlight';

/** Signs and verifies the login tokens (HS256 JWT); the claims are the {@link Principal}. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlMinutes: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(user: Principal): Promise<{ token: string; expiresAt: string }> {
    const expires = Math.floor(Date.now() / 1000) + this.ttlMinutes * 60;
    const token = await new SignJWT({
      username: user.username,
      name: user.name,
      roles: user.roles,
      department: user.department,
      positions: user.positions,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(this.key);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)) : [];
      return {
        userId: String(payload.sub),
        username: String(payload['username']),
        name: String(payload['name']),
        roles,
        department: typeof payload['department'] === 'string' ? payload['department'] : null,
        positions: Array.isArray(payload['positions']) ? payload['positions'].map(String) : [],
      };
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) throw unauthenticated('The token is invalid or has expired; sign in again.');
      throw err;
    }
  }

  /** The principal of a request's `Authorization: Bearer` header. */
  async fromRequest(req: Request): Promise<Principal> {
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthenticated();
    return this.verify(match[1]);
  }
}
