// A local identity provider for the Teams JWT tests: an OpenID configuration and a JWKS endpoint
// serving an RSA key the test generated, so tokens signed with it pass the SDK's real validation
// (jsonwebtoken + jwks-rsa) when the SDK's authority points here. It also plays the Entra auth
// sidecar (GET /AuthorizationHeaderUnauthenticated/{service}), the one outbound credential type
// of the SDK that can be pointed at a local HTTP server, so outbound calls carry a real token.
// The same key is also served where the Bot Framework publishes its channel keys
// (`channelKeysUrl`, standing in for https://login.botframework.com/v1/.well-known/keys), so a test
// can sign the tokens the Bot Connector sends (issuer https://api.botframework.com) as well as
// tokens an Entra tenant issues, with one key: only the claims tell them apart.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

const CHANNEL_KEYS_PATH = '/botframework/v1/.well-known/keys';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenClaims {
  aud?: string | string[];
  iss?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  serviceurl?: string;
  tid?: string;
  [claim: string]: unknown;
}

export class FakeIdentity {
  /** Base URL to use as the SDK's authorityEndpoint (the tenant is appended by the SDK). */
  url = '';
  /** Tokens the sidecar handed out, in order. */
  readonly issuedOutbound: string[] = [];
  readonly keyRequests: string[] = [];
  private server: Server | undefined;
  private privateKey!: SigningKey;
  private otherKey!: SigningKey;
  private jwk!: JWK;
  readonly kid = 'clause5-test-key';

  constructor(readonly tenantId: string) {}

  async start(): Promise<this> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = pair.privateKey as SigningKey;
    this.otherKey = (await generateKeyPair('RS256')).privateKey as SigningKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, use: 'sig', alg: 'RS256' };
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?', 1)[0]!;
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path === `/${this.tenantId}/v2.0/.well-known/openid-configuration`) {
        return json(200, {
          issuer: this.issuer,
          jwks_uri: `${this.url}/${this.tenantId}/discovery/v2.0/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (path === `/${this.tenantId}/discovery/v2.0/keys`) {
        this.keyRequests.push(path);
        return json(200, { keys: [this.jwk] });
      }
      if (path === CHANNEL_KEYS_PATH) {
        this.keyRequests.push(path);
        // Bot Framework keys carry the channels that endorse them.
        return json(200, { keys: [{ ...this.jwk, endorsements: ['msteams'] }] });
      }
      if (path.startsWith('/AuthorizationHeaderUnauthenticated/')) {
        void this.sign({ aud: 'https://api.botframework.com', iss: this.issuer, expiresIn: 3600 }).then((token) => {
          this.issuedOutbound.push(token);
          json(200, { authorizationHeader: `Bearer ${token}` });
        });
        return;
      }
      if (path === '/healthz') return json(200, { status: 'ok' });
      json(404, { error: 'not found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Where Clause5 should fetch the Bot Framework's channel signing keys (TeamsOptions.channelKeysUrl). */
  get channelKeysUrl(): string {
    return `${this.url}${CHANNEL_KEYS_PATH}`;
  }

  /** The issuer the SDK expects for this authority and tenant by default: the tenant's own issuer. */
  get issuer(): string {
    return `${this.url}/${this.tenantId}/v2.0`;
  }

  async sign(claims: TokenClaims, options: { forgeSignature?: boolean } = {}): Promise<string> {
    const { aud, iss, expiresIn = 600, ...rest } = claims;
    const now = Math.floor(Date.now() / 1000);
    let jwt = new SignJWT(rest)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + expiresIn);
    if (aud !== undefined) jwt = jwt.setAudience(aud);
    if (iss !== undefined) jwt = jwt.setIssuer(iss);
    return jwt.sign(options.forgeSignature ? this.otherKey : this.privateKey);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
