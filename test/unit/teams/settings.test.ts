// Configuration of the Teams platform: what runs, and what refuses to start, loudly.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { teamsSettings, TeamsConfigError } from '../../../src/platforms/teams/settings';

const APP = '8c5d2a8e-4b1f-4c55-9d3e-7f1a2b3c4d5e';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const config = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'development', ...env });

describe('teamsSettings', () => {
  it('without an app id outside production: unauthenticated, with a warning that says so', () => {
    const s = teamsSettings(config({}));
    expect(s.mode).toBe('unauthenticated');
    expect(s.auth.clientId).toBeUndefined();
    expect(s.warnings.join(' ')).toMatch(/UNAUTHENTICATED/);
  });

  it('refuses production without an app id, and a Slack deployment that did not ask for unauthenticated Teams', () => {
    expect(() => teamsSettings(loadConfig({ NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toThrow(TeamsConfigError);
    expect(() => teamsSettings(config({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED/);
  });

  it('refuses a secret or tenant without the app id, an app id without its tenant, and non-GUIDs', () => {
    expect(() => teamsSettings(config({ MICROSOFT_APP_PASSWORD: 'pw' }))).toThrow(/MICROSOFT_APP_ID is not/);
    expect(() => teamsSettings(config({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw' }))).toThrow(/MICROSOFT_APP_TENANT_ID/);
    expect(() => teamsSettings(config({ MICROSOFT_APP_ID: 'clause5-bot', MICROSOFT_APP_TENANT_ID: TENANT }))).toThrow(/GUID/);
    expect(() => teamsSettings(config({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: 'contoso' }))).toThrow(/GUID/);
  });

  it('with app id, secret and tenant: a client-secret connection', () => {
    const s = teamsSettings(config({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: TENANT }));
    expect(s.mode).toBe('client-secret');
    expect(s.warnings).toEqual([]);
    expect(s.auth).toMatchObject({ clientId: APP, tenantId: TENANT, clientSecret: 'pw', authorityEndpoint: 'https://login.microsoftonline.com' });
    expect(s.auth.connections?.get('serviceConnection')).toMatchObject({ clientId: APP });
    expect(s.auth.connectionsMap).toEqual([{ serviceUrl: '*', connection: 'serviceConnection' }]);
  });

  it('without a secret: the managed identity, with a warning naming the variable to set otherwise', () => {
    const s = teamsSettings(config({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT }));
    expect(s.mode).toBe('managed-identity');
    expect(s.auth.clientSecret).toBeUndefined();
    expect(s.warnings.join(' ')).toContain('MICROSOFT_APP_PASSWORD');
  });
});
