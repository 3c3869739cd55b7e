// Which hosts the bot may call back. An inbound activity names the serviceUrl that the bot will
// send its token to, so a forged one must never be called: only Microsoft's Teams / Bot Framework
// hosts (https) and what the configuration adds (e.g. a local fake connector in tests).

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

  /** `extra`: comma-separated hosts, 'host:port', '*.suffix' or URLs. */
  constructor(extra: string | undefined) {
    this.extras = (extra ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
      .map(parseEntry)
      .filter((e): e is ExtraEntry => e !== undefined);
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
    return this.extras.some(
      (e) => (host === e.host || (e.suffix && host.endsWith(`.${e.host}`))) && (e.port === undefined || e.port === port),
    );
  }
}

function parseEntry(entry: string): ExtraEntry | undefined {
  const suffix = entry.startsWith('*.');
  const text = suffix ? entry.slice(2) : entry;
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
    const explicitPort = /:\d+(\/|$)/.test(text.replace(/^[a-z]+:\/\//i, '')) ? url.port || defaultPort(url) : undefined;
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (!host) return undefined;
    return explicitPort === undefined ? { host, suffix: suffix || !/^[\d.]+$|^\[/.test(host) } : { host, port: explicitPort, suffix };
  } catch {
    return undefined;
  }
}

function defaultPort(url: URL): string {
  return url.protocol === 'https:' ? '443' : '80';
}
