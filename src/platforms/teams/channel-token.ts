// The token on a channel → bot request, checked the way the Bot Framework specifies it: signed
// (RS256) with one of the Bot Framework's published keys, issued by https://api.botframework.com
// (.us in the US Government cloud), for this app (audience), not expired (5 minutes of clock skew,
// as the Agents SDK allows), and carrying a serviceurl claim equal to the activity's serviceUrl.
// The Agents SDK's own middleware is not enough: it also accepts tokens an Entra tenant issued
// (meant for agent-to-agent calls), from any application of that tenant, and skips the serviceurl
// check when the claim is absent.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';

/** The Agents SDK's clockTolerance, kept. */
export const CLOCK_SKEW_SECONDS = 300;

export interface ChannelTokenRules {
  /** Our app id, lower case. */
  appId: string;
  issuer: string;
  keysUrl: string;
}

export type TokenCheck = { ok: true; claims: JWTPayload } | { ok: false; status: 401 | 503; reason: string };

export class ChannelTokenValidator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly rules: ChannelTokenRules) {
    // Keys are cached for a day; a token naming an unknown key refetches them at most every 30 s.
    this.keys = createRemoteJWKSet(new URL(rules.keysUrl), { cacheMaxAge: 86_400_000, cooldownDuration: 30_000, timeoutDuration: 5_000 });
  }

  async check(authorization: string | string[] | undefined, serviceUrl: unknown): Promise<TokenCheck> {
    const token = bearerToken(authorization);
    if (!token) return refuse(authorization === undefined ? 'no Authorization header' : 'the Authorization header is not "Bearer <token>"');
    try {
      decodeJwt(token);
    } catch {
      return refuse('the token is not a JWT');
    }
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, {
        issuer: this.rules.issuer,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (keysUnavailable(error)) return { ok: false, status: 503, reason: 'the Bot Framework signing keys could not be fetched' };
      return refuse(verifyFailure(error));
    }
    if (!isOnlyAudience(claims.aud, this.rules.appId)) return refuse('the token is for another audience than this app');
    if (typeof claims.serviceurl !== 'string') return refuse('the token has no serviceurl claim');
    if (!sameServiceUrl(claims.serviceurl, serviceUrl)) return refuse("the token's serviceurl claim is not the activity's serviceUrl");
    return { ok: true, claims };
  }
}

function refuse(reason: string): TokenCheck {
  return { ok: false, status: 401, reason };
}

function bearerToken(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer +([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization.trim());
  return match?.[1];
}

/** The Bot Connector addresses one audience: this app. */
function isOnlyAudience(aud: unknown, appId: string): boolean {
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  return audiences.length === 1 && typeof audiences[0] === 'string' && audiences[0].toLowerCase() === appId;
}

/** Equal as URLs: scheme, host (any case), port, path (a trailing slash aside) and query. */
export function sameServiceUrl(claim: string, activityUrl: unknown): boolean {
  const a = normalisedUrl(claim);
  return a !== undefined && typeof activityUrl === 'string' && a === normalisedUrl(activityUrl);
}

function normalisedUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return undefined;
  }
}

/** The keys endpoint failed (network, time-out, bad answer): our problem, not the caller's. */
function keysUnavailable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) return error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/.test(error.message);
  return true;
}

function verifyFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not acceptable`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is not signed with a Bot Framework key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  return 'the token is not valid';
}
