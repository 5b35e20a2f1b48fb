import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Request } from 'express';
import { unauthenticated } from '../http/errors';
import type { Session } from './service';

const ISSUER = 'sunlight';

/** What a verified token claims: the user's id and the session version it was issued under. */
export interface TokenClaims {
  userId: string;
  sessionVersion: number;
}

/**
 * Signs and verifies the login tokens (HS256 JWT). The claims are the {@link Principal} (for
 * clients to read) and `sv`, the user's session version; the server trusts only `sub` and `sv`
 * and reads the rest from the user record.
 */
export class TokenService {
  private readonly secret: Uint8Array<ArrayBuffer>;
  /**
   * The secret as an HMAC key, imported once: given the raw bytes, jose imports them again at
   * every signature and verification (100 µs of CPU a verification against 60 with the key).
   */
  private key: Promise<CryptoKey> | undefined;

  /** `now` is the API's clock (`ApiContext.now`), so a token's times agree with everything else the API stamps. */
  constructor(
    secret: string,
    private readonly ttlMinutes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = new TextEncoder().encode(secret);
  }

  private hmacKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return this.key;
  }

  async issue({ user, sessionVersion }: Session): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expires = issuedAt + this.ttlMinutes * 60;
    const token = await new SignJWT({
      username: user.username,
      name: user.name,
      roles: user.roles,
      department: user.department,
      positions: user.positions,
      sv: sessionVersion,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expires)
      .sign(await this.hmacKey());
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.hmacKey(), { issuer: ISSUER, algorithms: ['HS256'], currentDate: new Date(this.now()) });
      const sv = payload['sv'];
      // A token from before session versions were kept has none: it counts as version 0.
      return { userId: String(payload.sub), sessionVersion: typeof sv === 'number' ? sv : 0 };
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) throw unauthenticated('The token is invalid or has expired; sign in again.');
      throw err;
    }
  }

  /** The claims of a request's `Authorization: Bearer` header. */
  async fromRequest(req: Request): Promise<TokenClaims> {
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthenticated();
    return this.verify(match[1]);
  }
}
