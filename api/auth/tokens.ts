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
 * How many verified tokens a process remembers (their claims, until they expire): a clerk's
 * every request carries the same token, and verifying its signature again (WebCrypto HMAC,
 * a job on the thread pool) costs about 0.1 ms of CPU alone, 0.4 ms a request in a profile
 * of the API under load.
 */
const VERIFIED_KEPT = 10_000;

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
  /**
   * Tokens verified before, by their exact text, with their claims and expiry (ms), the least
   * recently used first. Only a token whose signature, issuer and algorithm were verified is
   * kept, and only until its `exp`; whether its session still holds is decided on every
   * request from the user's record (its session version), as before.
   */
  private readonly verified = new Map<string, { claims: TokenClaims; expiresAt: number }>();

  /**
   * `now` is the API's clock (`ApiContext.now`), so a token's times agree with everything else
   * the API stamps; `kept`, how many verified tokens are remembered.
   */
  constructor(
    secret: string,
    private readonly ttlMinutes: number,
    private readonly now: () => number = Date.now,
    private readonly kept = VERIFIED_KEPT,
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
    const now = this.now();
    const known = this.verified.get(token);
    if (known) {
      this.verified.delete(token);
      // Expired: verified again below, which refuses it as jose does (exp is in whole seconds).
      if (now < known.expiresAt) {
        this.verified.set(token, known);
        return known.claims;
      }
    }
    try {
      const { payload } = await jwtVerify(token, await this.hmacKey(), { issuer: ISSUER, algorithms: ['HS256'], currentDate: new Date(now) });
      const sv = payload['sv'];
      // A token from before session versions were kept has none: it counts as version 0.
      const claims: TokenClaims = Object.freeze({ userId: String(payload.sub), sessionVersion: typeof sv === 'number' ? sv : 0 });
      if (typeof payload.exp === 'number') {
        this.verified.set(token, { claims, expiresAt: payload.exp * 1000 });
        for (const oldest of this.verified.keys()) {
          if (this.verified.size <= this.kept) break;
          this.verified.delete(oldest);
        }
      }
      return claims;
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
