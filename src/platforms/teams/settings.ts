// Turns Clause5's configuration into the Agents SDK's connection settings and the rules for who may
// post to /api/messages, and refuses set-ups that would be unsafe: Teams without an app id in
// production, an app id without its tenant.
import type { AuthConfiguration } from '@microsoft/agents-hosting';
import { GUID, type Config } from '../../config';

export type TeamsAuthMode = 'client-secret' | 'managed-identity' | 'custom' | 'unauthenticated';

export interface TeamsSettings {
  appId: string | undefined;
  tenantId: string | undefined;
  mode: TeamsAuthMode;
  /** The SDK connection (inbound JWT validation and outbound tokens). */
  auth: AuthConfiguration;
  /** Extra service-URL hosts from TEAMS_SERVICE_URL_ALLOWLIST. */
  allowlist: string | undefined;
  /** Who may post to /api/messages (checked before the SDK sees an activity; see gate.ts). */
  inbound: InboundRules;
  /** Start-up warnings to log once. */
  warnings: string[];
}

/**
 * 'signed': a Bot Connector token (issuer, signing keys, audience = the app id) and an allowed
 * tenant. 'loopback': no token, callers on this machine only; tenants only when a list is set.
 */
export type InboundRules =
  | { kind: 'signed'; appId: string; issuer: string; keysUrl: string; tenants: ReadonlySet<string> }
  | { kind: 'loopback'; tenants: ReadonlySet<string> | undefined };

/** Where each cloud's Bot Framework publishes its channel tokens' issuer and keys, and where the bot signs in. */
export const BOT_FRAMEWORK_CLOUDS = {
  public: {
    issuer: 'https://api.botframework.com',
    keysUrl: 'https://login.botframework.com/v1/.well-known/keys',
    authority: 'https://login.microsoftonline.com',
  },
  government: {
    issuer: 'https://api.botframework.us',
    keysUrl: 'https://login.botframework.azure.us/v1/.well-known/keys',
    authority: 'https://login.microsoftonline.us',
  },
} as const;

export class TeamsConfigError extends Error {
  constructor(problem: string) {
    super(`Clause5 cannot start Microsoft Teams: ${problem}`);
    this.name = 'TeamsConfigError';
  }
}

const CONNECTION = 'serviceConnection';

/**
 * `overrides` are extra SDK connection settings (authority, issuers, another credential type);
 * the tests use them to point token validation and acquisition at local fakes.
 */
export function teamsSettings(config: Readonly<Config>, overrides: Partial<AuthConfiguration> = {}): TeamsSettings {
  const appId = config.MICROSOFT_APP_ID;
  const tenantId = config.MICROSOFT_APP_TENANT_ID;
  const password = config.MICROSOFT_APP_PASSWORD;
  const warnings: string[] = [];
  if (!appId) {
    if (config.NODE_ENV === 'production') {
      throw new TeamsConfigError(
        'MICROSOFT_APP_ID is not set and NODE_ENV is production. Teams needs the Azure Bot registration: set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID (see "Microsoft Teams" in the README).',
      );
    }
    if (password || tenantId) {
      throw new TeamsConfigError(
        'MICROSOFT_APP_PASSWORD / MICROSOFT_APP_TENANT_ID are set but MICROSOFT_APP_ID is not. Set the app id of the Azure Bot registration too.',
      );
    }
    if (config.teamsMode !== 'unauthenticated') {
      throw new TeamsConfigError(
        'MICROSOFT_APP_ID is not set. Without it Teams is open only in local mode or with TEAMS_ALLOW_UNAUTHENTICATED=true (see "Running without credentials" in the README).',
      );
    }
    warnings.push(
      `Teams: no MICROSOFT_APP_ID, so POST /api/messages accepts UNAUTHENTICATED activities, from callers on this machine only (${config.localMode ? 'local mode' : 'TEAMS_ALLOW_UNAUTHENTICATED=true'}). Fine for the Microsoft 365 Agents Playground or tests; never for production.`,
    );
    const tenants = config.teamsAllowedTenants && new Set(config.teamsAllowedTenants);
    const inbound: InboundRules = { kind: 'loopback', tenants };
    return {
      appId,
      tenantId,
      mode: 'unauthenticated',
      auth: connection({ clientId: undefined, ...overrides }),
      allowlist: config.TEAMS_SERVICE_URL_ALLOWLIST,
      inbound,
      warnings,
    };
  }
  if (!GUID.test(appId))
    throw new TeamsConfigError(
      `MICROSOFT_APP_ID should be the bot's app (client) id, a GUID such as 00000000-0000-0000-0000-000000000000 (got something else).`,
    );
  if (!tenantId) {
    throw new TeamsConfigError(
      'MICROSOFT_APP_TENANT_ID is not set. Clause5 runs as a single-tenant bot: set it to the directory (tenant) id of the Azure Bot registration.',
    );
  }
  if (!GUID.test(tenantId)) throw new TeamsConfigError('MICROSOFT_APP_TENANT_ID should be the directory (tenant) id, a GUID.');
  let mode: TeamsAuthMode = password ? 'client-secret' : 'managed-identity';
  if (!password && !overrides.authType) {
    warnings.push(
      'Teams: MICROSOFT_APP_PASSWORD is not set, so Clause5 signs in with the user-assigned managed identity whose client id is MICROSOFT_APP_ID. If your Azure Bot uses a client secret, set MICROSOFT_APP_PASSWORD.',
    );
  }
  if (overrides.authType) mode = 'custom';
  const cloud = BOT_FRAMEWORK_CLOUDS[config.MICROSOFT_CLOUD];
  if (config.MICROSOFT_CLOUD === 'government') {
    warnings.push(
      'Teams: MICROSOFT_CLOUD=government — Clause5 accepts tokens from the US Government Bot Framework (api.botframework.us) and signs in at login.microsoftonline.us. This set-up has been tested against local fakes only, never in a government tenant.',
    );
  }
  // Inbound tokens are checked by Clause5 (gate.ts), not by the SDK's JWT middleware, which would
  // also accept tokens issued by Entra tenants; this connection serves the bot's outbound calls.
  const auth = connection({ clientId: appId, tenantId, clientSecret: password, authorityEndpoint: cloud.authority, ...overrides });
  const inbound: InboundRules = {
    kind: 'signed',
    appId: appId.toLowerCase(),
    issuer: cloud.issuer,
    keysUrl: cloud.keysUrl,
    tenants: new Set(config.teamsAllowedTenants ?? [tenantId.toLowerCase()]),
  };
  return { appId, tenantId, mode, auth, allowlist: config.TEAMS_SERVICE_URL_ALLOWLIST, inbound, warnings };
}

/** One line for the start-up banner: how POST /api/messages is protected. */
export function describeTeamsProtection(config: Readonly<Config>): string {
  if (config.teamsMode === 'off') return 'off (no MICROSOFT_APP_ID; see "Microsoft Teams" in the README)';
  if (config.teamsMode === 'unauthenticated') {
    return `UNAUTHENTICATED, loopback callers only (${config.localMode ? 'local mode' : 'TEAMS_ALLOW_UNAUTHENTICATED=true'}); for the Agents Playground or tests, never production`;
  }
  const tenants = config.teamsAllowedTenants ?? [config.MICROSOFT_APP_TENANT_ID ?? '?'];
  const cloud = config.MICROSOFT_CLOUD === 'government' ? ' (US Government cloud)' : '';
  return `signed Bot Framework tokens for app ${config.MICROSOFT_APP_ID}, tenant${tenants.length > 1 ? 's' : ''} ${tenants.join(', ')}${cloud}`;
}

/**
 * One explicit SDK connection. Passing `connections` stops the SDK from merging in connection
 * settings of its own from the environment (Connections__…), so what Clause5 configured is what runs.
 */
function connection(settings: AuthConfiguration): AuthConfiguration {
  const clean = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as AuthConfiguration;
  return {
    ...clean,
    connections: new Map([[CONNECTION, clean]]),
    connectionsMap: [{ serviceUrl: '*', connection: CONNECTION }],
  };
}
