// Which hosts the bot may call back. An inbound activity names the serviceUrl that the bot will
// send its token to, so a forged one must never be called: only Microsoft's Teams / Bot Framework
// hosts (https) and what the configuration adds (e.g. a local fake connector in tests).
import { TeamsConfigError } from './settings';

/** Host suffixes of Microsoft's Bot Connector services (public cloud, GCC, GCC High, DoD). */
export const MICROSOFT_SERVICE_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'botframework.com',
  'botframework.azure.us',
  'teams.microsoft.com',
  'teams.microsoft.us',
];

interface ExtraEntry {
  host: string;
  /** Exact port, when the entry named one. */
  port?: string;
  /** '*.' entries and bare hosts also match subdomains. */
  suffix: boolean;
}

/** Implements the Agents SDK's OutboundUrlPolicy, and is used before the SDK sees an activity. */
export class ServiceUrlPolicy {
  readonly enabled = true;
  private readonly extras: ExtraEntry[];

  /**
   * `extra`: comma-separated hosts, 'host:port', '*.suffix' or URLs. An IP address or localhost
   * needs its port (alone it would allow every service on that machine); a bad entry stops start-up.
   */
  constructor(extra: string | undefined) {
    this.extras = (extra ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
      .map(parseEntry);
  }

  isAllowed(input: string | URL | null | undefined): boolean {
    let url: URL;
    try {
      url = input instanceof URL ? input : new URL(String(input ?? ''));
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
    if (url.protocol === 'https:' && MICROSOFT_SERVICE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return true;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    return this.extras.some((e) => (host === e.host || (e.suffix && host.endsWith(`.${e.host}`))) && (e.port === undefined || e.port === port));
  }
}

function parseEntry(entry: string): ExtraEntry {
  const suffix = entry.startsWith('*.');
  const text = suffix ? entry.slice(2) : entry;
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw badEntry(entry, 'it is not a host, host:port, *.suffix or URL');
  }
  const explicitPort = /:\d+(\/|$)/.test(text.replace(/^[a-z]+:\/\//i, '')) ? url.port || defaultPort(url) : undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host || /\s/.test(text)) throw badEntry(entry, 'it is not a host, host:port, *.suffix or URL');
  const machine = /^[\d.]+$|^\[/.test(host) || host === 'localhost';
  if (explicitPort === undefined && machine)
    throw badEntry(entry, `an IP address or localhost must name its port (host:port), e.g. ${host}:3978; alone it would allow every port`);
  return explicitPort === undefined ? { host, suffix: true } : { host, port: explicitPort, suffix };
}

function badEntry(entry: string, why: string): TeamsConfigError {
  return new TeamsConfigError(`TEAMS_SERVICE_URL_ALLOWLIST entry ${JSON.stringify(entry)}: ${why}.`);
}

function defaultPort(url: URL): string {
  return url.protocol === 'https:' ? '443' : '80';
}
