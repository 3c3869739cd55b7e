// Which service URLs the bot may call back: Microsoft's Teams / Bot Framework hosts over https,
// plus exactly what TEAMS_SERVICE_URL_ALLOWLIST adds.
import { describe, expect, it } from 'vitest';
import { ServiceUrlPolicy } from '../../../src/platforms/teams/service-url';

describe('ServiceUrlPolicy', () => {
  const defaults = new ServiceUrlPolicy(undefined);

  it.each([
    'https://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net/emea/',
    'https://smba.trafficmanager.net/teams/',
    'https://europe.smba.trafficmanager.net/',
    'https://webchat.botframework.com/',
    'https://smba.infra.gov.teams.microsoft.us/',
  ])('allows %s', (url) => expect(defaults.isAllowed(url)).toBe(true));

  it.each([
    'http://smba.trafficmanager.net/amer/', // not https
    'https://smba.trafficmanager.net.evil.example/',
    'https://evilsmba.trafficmanager.net.example/',
    'https://notbotframework.com/',
    'https://user:pass@smba.trafficmanager.net/amer/',
    'https://127.0.0.1:3978/',
    'ftp://smba.trafficmanager.net/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(defaults.isAllowed(url)).toBe(false));

  it('adds configured hosts: exact host:port, bare hosts (and subdomains), *.suffix, URLs', () => {
    const policy = new ServiceUrlPolicy('127.0.0.1:4010, fake.test , *.connector.example, https://other.example:8443/x');
    expect(policy.isAllowed('http://127.0.0.1:4010/')).toBe(true);
    expect(policy.isAllowed('http://127.0.0.1:4011/')).toBe(false);
    expect(policy.isAllowed('http://fake.test/')).toBe(true);
    expect(policy.isAllowed('https://eu.fake.test/')).toBe(true);
    expect(policy.isAllowed('https://a.connector.example/')).toBe(true);
    expect(policy.isAllowed('https://other.example:8443/')).toBe(true);
    expect(policy.isAllowed('https://other.example/')).toBe(false);
    expect(policy.isAllowed('http://localhost:4010/')).toBe(false);
  });

  it('refuses to start with an IP address or localhost without a port (it would match every port), naming the entry', () => {
    for (const entry of ['127.0.0.1', '10.1.2.3', '[::1]', 'localhost', 'http://127.0.0.1/']) {
      expect(() => new ServiceUrlPolicy(`fake.test, ${entry}`), entry).toThrow(/TEAMS_SERVICE_URL_ALLOWLIST.*host:port/);
    }
    expect(new ServiceUrlPolicy('127.0.0.1:9, [::1]:4010, localhost:56150').isAllowed('http://[::1]:4010/')).toBe(true);
  });

  it('refuses to start with an entry that is not a host', () => {
    expect(() => new ServiceUrlPolicy('fake.test, not a host')).toThrow(/TEAMS_SERVICE_URL_ALLOWLIST.*"not a host"/);
  });
});
