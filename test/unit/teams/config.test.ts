// Which Teams endpoint a configuration opens (issue 9): signed Bot Framework tokens with the Azure
// Bot registration; unauthenticated (loopback callers only) in local mode or when asked for
// outside production; otherwise none. And the tenants and the cloud the token check uses.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config';
import { teamsSettings } from '../../../src/platforms/teams/settings';

const APP = '8c5d2a8e-4b1f-4c55-9d3e-7f1a2b3c4d5e';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = '0f0f0f0f-1111-4222-8333-444455556666';
const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
const signed = { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'pw' };

describe('the Teams mode', () => {
  it.each([
    ['local mode (no platform settings)', {}, 'unauthenticated'],
    ['local mode in production', { NODE_ENV: 'production' }, 'off'],
    ['Slack settings, no NODE_ENV', slack, 'off'],
    ['Slack settings in development', { ...slack, NODE_ENV: 'development' }, 'off'],
    ['Slack settings and TEAMS_ALLOW_UNAUTHENTICATED=true', { ...slack, TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, 'unauthenticated'],
    ['Slack settings and TEAMS_ALLOW_UNAUTHENTICATED=false', { ...slack, TEAMS_ALLOW_UNAUTHENTICATED: 'false' }, 'off'],
    ['the Azure Bot registration', signed, 'signed'],
    ['the Azure Bot registration in production, beside Slack', { ...signed, ...slack, NODE_ENV: 'production' }, 'signed'],
  ] as const)('%s → %s', (_what, env, mode) => {
    const config = loadConfig(env);
    expect(config.teamsMode).toBe(mode);
    expect(config.teamsEnabled).toBe(mode !== 'off');
  });

  it('refuses TEAMS_ALLOWED_TENANTS entries that are not tenant ids', () => {
    expect(() => loadConfig({ ...signed, TEAMS_ALLOWED_TENANTS: `${TENANT},contoso.onmicrosoft.com` })).toThrow(ConfigError);
    expect(() => loadConfig({ ...signed, TEAMS_ALLOWED_TENANTS: `${TENANT},contoso.onmicrosoft.com` })).toThrow(
      /TEAMS_ALLOWED_TENANTS: .*"contoso.onmicrosoft.com"/,
    );
    expect(() => loadConfig({ ...signed, MICROSOFT_CLOUD: 'china' })).toThrow(/MICROSOFT_CLOUD: expected one of public, government/);
  });
});

describe('the inbound token check', () => {
  it('by default: the public Bot Framework issuer and keys, this app, the one tenant', () => {
    const { inbound } = teamsSettings(loadConfig(signed));
    expect(inbound).toEqual({
      kind: 'signed',
      appId: APP,
      issuer: 'https://api.botframework.com',
      keysUrl: 'https://login.botframework.com/v1/.well-known/keys',
      tenants: new Set([TENANT]),
    });
  });

  it('TEAMS_ALLOWED_TENANTS replaces the one tenant (ids compared in lower case)', () => {
    const { inbound } = teamsSettings(loadConfig({ ...signed, TEAMS_ALLOWED_TENANTS: ` ${OTHER.toUpperCase()} , ${TENANT}` }));
    expect(inbound.tenants).toEqual(new Set([OTHER, TENANT]));
  });

  it('MICROSOFT_CLOUD=government: the US Government issuer and keys, and its sign-in authority', () => {
    const settings = teamsSettings(loadConfig({ ...signed, MICROSOFT_CLOUD: 'government' }));
    expect(settings.inbound).toMatchObject({ issuer: 'https://api.botframework.us', keysUrl: 'https://login.botframework.azure.us/v1/.well-known/keys' });
    expect(settings.auth.authorityEndpoint).toBe('https://login.microsoftonline.us');
  });

  it('without an app id: callers on this machine only, any tenant unless a list is set', () => {
    expect(teamsSettings(loadConfig({})).inbound).toEqual({ kind: 'loopback', tenants: undefined });
    expect(teamsSettings(loadConfig({ TEAMS_ALLOWED_TENANTS: TENANT })).inbound).toEqual({ kind: 'loopback', tenants: new Set([TENANT]) });
  });
});
