// The manifest a plant creates its Slack app from must match what the code registers: the slash
// command, the shortcut's callback id, the events, the scopes (each with a comment saying why) and
// the request URLs. (test/integration/slack-manifest.test.ts sends each of them through the server.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parse, parseDocument, type Scalar } from 'yaml';
import { REDIRECT_PATH } from '../../../src/platforms/slack/oauth';
import { EVENTS_PATH } from '../../../src/platforms/slack/receiver';
import { BOT_EVENTS, BOT_SCOPES, SLASH_COMMAND, WIN_SHORTCUT } from '../../../src/platforms/slack/surface';

const text = readFileSync(new URL('../../../manifests/slack/manifest.yaml', import.meta.url), 'utf8');
const manifest = parse(text);

describe('manifests/slack/manifest.yaml', () => {
  it('declares exactly the slash command the code listens to, with escaping on', () => {
    expect(manifest.features.slash_commands.map((c: any) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.slash_commands[0].should_escape).toBe(true);
  });

  it('declares exactly the message shortcut the code listens to', () => {
    expect(manifest.features.shortcuts.map((s: any) => [s.type, s.callback_id])).toEqual([['message', WIN_SHORTCUT]]);
    for (const s of manifest.features.shortcuts) expect(s.name.length).toBeLessThanOrEqual(24);
  });

  it('subscribes to exactly the events the code handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
  });

  it('asks for exactly the scopes the code needs, each with a comment saying what for', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(Object.keys(BOT_SCOPES));
    const doc = parseDocument(text);
    const scopes = doc.getIn(['oauth_config', 'scopes', 'bot'], true);
    expect(isSeq(scopes)).toBe(true);
    if (!isSeq(scopes)) return;
    for (const item of scopes.items as Scalar[]) {
      expect(item.comment?.trim(), `comment for ${String(item.value)}`).toBeTruthy();
    }
  });

  it('sends every request to the endpoints the server mounts, on a placeholder host', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c: any) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(EVENTS_PATH);
    expect(manifest.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual([REDIRECT_PATH]);
    for (const url of [...urls, ...manifest.oauth_config.redirect_urls]) expect(new URL(url).hostname).toBe('clause5.example.com');
  });

  it('has the App Home tabs the code uses and a bot user', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(isMap(parseDocument(text).contents)).toBe(true);
  });
});
