// Turns Clause5's configuration into the Agents SDK's connection settings, and refuses set-ups
// that would be unsafe: Teams without an app id in production, an app id without its tenant.
import type { AuthConfiguration } from '@microsoft/agents-hosting';
import type { Config } from '../../config';

export type TeamsAuthMode = 'client-secret' | 'managed-identity' | 'custom' | 'unauthenticated';

export interface TeamsSettings {
  appId: string | undefined;
  tenantId: string | undefined;
  mode: TeamsAuthMode;
  /** The SDK connection (inbound JWT validation and outbound tokens). */
  auth: AuthConfiguration;
  /** Extra service-URL hosts from TEAMS_SERVICE_URL_ALLOWLIST. */
  allowlist: string | undefined;
  /** Start-up warnings to log once. */
  warnings: string[];
}

export class TeamsConfigError extends Error {
  constructor(problem: string) {
    super(`Clause5 cannot start Microsoft Teams: ${problem}`);
    this.name = 'TeamsConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
      throw new TeamsConfigError('MICROSOFT_APP_PASSWORD / MICROSOFT_APP_TENANT_ID are set but MICROSOFT_APP_ID is not. Set the app id of the Azure Bot registration too.');
    }
    warnings.push(
      `Teams: no MICROSOFT_APP_ID, so POST /api/messages accepts UNAUTHENTICATED activities (NODE_ENV=${config.NODE_ENV}). Fine for the Microsoft 365 Agents Playground or tests; never expose this to the internet.`,
    );
    return { appId, tenantId, mode: 'unauthenticated', auth: connection({ clientId: undefined, ...overrides }), allowlist: config.TEAMS_SERVICE_URL_ALLOWLIST, warnings };
  }
  if (!GUID.test(appId)) throw new TeamsConfigError(`MICROSOFT_APP_ID should be the bot's app (client) id, a GUID such as 00000000-0000-0000-0000-000000000000 (got something else).`);
  if (!tenantId) {
    throw new TeamsConfigError('MICROSOFT_APP_TENANT_ID is not set. Clause5 runs as a single-tenant bot: set it to the directory (tenant) id of the Azure Bot registration.');
  }
  if (!GUID.test(tenantId)) throw new TeamsConfigError('MICROSOFT_APP_TENANT_ID should be the directory (tenant) id, a GUID.');
  let mode: TeamsAuthMode = password ? 'client-secret' : 'managed-identity';
  if (!password && !overrides.authType) {
    warnings.push(
      'Teams: MICROSOFT_APP_PASSWORD is not set, so Clause5 signs in with the user-assigned managed identity whose client id is MICROSOFT_APP_ID. If your Azure Bot uses a client secret, set MICROSOFT_APP_PASSWORD.',
    );
  }
  if (overrides.authType) mode = 'custom';
  const auth = connection({
    clientId: appId,
    tenantId,
    clientSecret: password,
    // Tokens must come from Bot Framework or this tenant (plus the SDK's Microsoft first-party issuers).
    validateIssuer: true,
    ...overrides,
  });
  return { appId, tenantId, mode, auth, allowlist: config.TEAMS_SERVICE_URL_ALLOWLIST, warnings };
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
