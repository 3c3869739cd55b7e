// Slack's limits the fake enforces beside Block Kit's: scopes per method, and how long the
// one-time handles of an interaction live (trigger_id: 3 s, once; response_url: 5 uses in 30 minutes).

/** The bot scopes Clause5's manifest asks for (manifests/slack/manifest.yaml), as Slack grants them. */
export const MANIFEST_SCOPES = ['commands', 'chat:write', 'im:history', 'im:write', 'app_mentions:read', 'users:read', 'files:write'];

/** A message's top-level text above this is msg_too_long. */
export const MAX_TEXT_LENGTH = 40_000;
export const TRIGGER_LIFETIME_MS = 3_000;
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/** The bot scope a Web API method needs (undefined: none, or granted with the app itself). */
export function requiredScope(method: string, args: Record<string, any>): string | undefined {
  if (method.startsWith('chat.')) return 'chat:write';
  if (method.startsWith('files.')) return 'files:write';
  if (method === 'users.info') return 'users:read';
  if (method === 'conversations.open') return 'im:write';
  if (method === 'conversations.history') {
    const kind = String(args.channel ?? '')[0];
    return ({ D: 'im:history', G: 'groups:history', C: 'channels:history' } as Record<string, string>)[kind ?? ''];
  }
  return undefined;
}
