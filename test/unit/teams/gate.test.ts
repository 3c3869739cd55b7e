// The pure parts of the /api/messages gate: what counts as this machine, as the same service URL,
// and as an allowed tenant.
import { describe, expect, it } from 'vitest';
import { sameServiceUrl } from '../../../src/platforms/teams/channel-token';
import { isLoopback, tenantRefusal } from '../../../src/platforms/teams/gate';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = '0f0f0f0f-1111-4222-8333-444455556666';

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.1'])('%s is this machine', (a) => expect(isLoopback(a)).toBe(true));
  it.each(['192.0.2.2', '10.0.0.1', '::ffff:10.0.0.1', 'fd00::2', '128.0.0.1', '::', '0.0.0.0', '127.0.0.1.evil', '', undefined])('%s is not', (a) =>
    expect(isLoopback(a)).toBe(false),
  );
});

describe('sameServiceUrl', () => {
  it('ignores the host’s case and a trailing slash', () => {
    expect(sameServiceUrl('https://SMBA.trafficmanager.net/amer/', 'https://smba.trafficmanager.net/amer')).toBe(true);
    expect(sameServiceUrl('https://smba.trafficmanager.net:443/amer', 'https://smba.trafficmanager.net/amer/')).toBe(true);
  });
  it.each([
    ['https://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net/emea/'],
    ['https://smba.trafficmanager.net/amer/', 'http://smba.trafficmanager.net/amer/'],
    ['https://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net:8443/amer/'],
    ['https://smba.trafficmanager.net/amer/', 'https://evil.example/amer/'],
    ['https://smba.trafficmanager.net/amer/', 'not a url'],
    ['not a url', 'not a url'],
  ])('%s ≠ %s', (claim, activity) => expect(sameServiceUrl(claim, activity)).toBe(false));
  it('refuses a serviceUrl that is not a string', () => expect(sameServiceUrl('https://a.example/', undefined)).toBe(false));
});

describe('tenantRefusal', () => {
  const activity = (conversation?: unknown, data?: unknown) => ({ conversation: { id: 'c', tenantId: conversation }, channelData: { tenant: { id: data } } });
  const allowed = new Set([T]);

  it('allows the tenant named in either or both fields, in any case', () => {
    expect(tenantRefusal(activity(T, T), allowed)).toBeUndefined();
    expect(tenantRefusal(activity(T.toUpperCase(), undefined), allowed)).toBeUndefined();
    expect(tenantRefusal(activity(undefined, T), allowed)).toBeUndefined();
  });
  it('refuses another tenant, two tenants, and none', () => {
    expect(tenantRefusal(activity(OTHER, OTHER), allowed)).toMatch(/does not serve/);
    expect(tenantRefusal(activity(T, OTHER), allowed)).toMatch(/two different/);
    expect(tenantRefusal(activity(OTHER, T), allowed)).toMatch(/two different/);
    expect(tenantRefusal(activity(undefined, ' '), allowed)).toMatch(/no tenant/);
    expect(tenantRefusal({ conversation: 'x', channelData: null }, allowed)).toMatch(/no tenant/);
  });
  it('allows any tenant when no list is set (unauthenticated, local trials)', () => {
    expect(tenantRefusal(activity(OTHER, undefined), undefined)).toBeUndefined();
  });
});
