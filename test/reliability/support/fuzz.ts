// Malformed and random requests for the two public endpoints. Every case is built so that a correct
// server must refuse or ignore it: either it is not authentic (no or a wrong Slack signature, stale
// or future timestamps), not parseable, or — when authentic and well-formed enough to get deep into
// the code — it has at least one value that makes it invalid (an unknown workspace, a payload that
// is not an object, a Teams activity with a forged serviceUrl, a bad tenant, no sender id …). So
// "nothing written" is the right expectation for all of them.
import { createHmac } from 'node:crypto';
import type { Random } from './random';

export interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface FuzzContext {
  signingSecret: string;
  /** A workspace that is installed (a signed request in it reaches Bolt's listeners). */
  teamId: string;
  /** The fake Bot Connector's URL (on the allow-list). */
  serviceUrl: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  '',
  'application/x-www-form-urlencoded; charset=utf-8',
];

function sign(secret: string, timestamp: number, body: Buffer): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

/** A garbage JSON value of a random type (deeply nested sometimes). */
function garbageValue(r: Random, depth = 0): unknown {
  switch (r.int(0, depth > 3 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return r.int(-1e9, 1e9) * (r.chance(0.1) ? 1e300 : 1);
    case 2:
      return r.chance(0.5);
    case 3:
      return r.text(r.int(0, 40));
    case 4:
      return r.text(r.int(1000, 60_000));
    case 5:
      return '';
    case 6:
      return Array.from({ length: r.int(0, 5) }, () => garbageValue(r, depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: r.int(0, 5) }, () => [r.pick(['type', 'team', 'user', 'id', '__proto__', 'constructor', r.text(5)]), garbageValue(r, depth + 1)]),
      );
    default:
      return { toString: r.text(3), valueOf: 1 };
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value) ?? 'null');
}

function slackTemplates(r: Random, _ctx: FuzzContext, team: string): Record<string, unknown>[] {
  return [
    {
      type: 'event_callback',
      team_id: team,
      api_app_id: 'A0CLAUSE5',
      event_id: `Ev${r.int(1, 1e9)}`,
      event_time: 1,
      event: { type: 'app_mention', user: 'U0FUZZ', text: r.text(20), channel: 'C1', ts: '1.1' },
    },
    {
      type: 'event_callback',
      team_id: team,
      event_id: `Ev${r.int(1, 1e9)}`,
      event: { type: 'message', channel_type: 'im', user: 'U0FUZZ', text: r.text(30), channel: 'D1', ts: '1.2' },
    },
    {
      type: 'block_actions',
      team: { id: team },
      user: { id: 'U0FUZZ', team_id: team },
      actions: [{ action_id: r.text(10), value: r.text(10), action_ts: '1.3' }],
      trigger_id: '1.2.3',
    },
    {
      type: 'view_submission',
      team: { id: team },
      user: { id: 'U0FUZZ' },
      view: { callback_id: r.text(8), private_metadata: r.text(40), state: { values: {} } },
    },
    { type: 'message_action', callback_id: 'celebrate_win', team: { id: team }, user: { id: 'U0FUZZ' }, message: { text: r.text(50) }, trigger_id: '1.2.3' },
  ];
}

/** Deletes or replaces one random field, at any depth, with garbage. */
function corrupt(r: Random, value: unknown): unknown {
  if (!value || typeof value !== 'object') return garbageValue(r);
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return garbageValue(r);
  const key = r.pick(keys);
  const roll = r.next();
  if (roll < 0.3) delete copy[key];
  else if (roll < 0.6 && copy[key] && typeof copy[key] === 'object') copy[key] = corrupt(r, copy[key]);
  else copy[key] = garbageValue(r);
  return copy;
}

function slackCase(r: Random, ctx: FuzzContext): FuzzRequest {
  const now = Math.floor(Date.now() / 1000);
  const unknownTeam = `T${r.chance(0.5) ? 'UNKNOWN' : r.text(6).replace(/[^A-Z0-9]/gi, 'X')}`;
  const headers = (body: Buffer, contentType: string, timestamp = now, signature?: string): Record<string, string> => ({
    ...(contentType ? { 'content-type': contentType } : {}),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature ?? sign(ctx.signingSecret, timestamp, body),
  });
  const req = (kind: string, body: Buffer, h: Record<string, string>): FuzzRequest => ({
    kind: `slack:${kind}`,
    method: 'POST',
    path: '/slack/events',
    headers: h,
    body,
  });
  switch (r.int(0, 13)) {
    case 0: {
      const body = r.bytes(r.int(0, 4000));
      return req('random-bytes-unsigned', body, r.chance(0.5) ? { 'content-type': r.pick(CONTENT_TYPES) } : {});
    }
    case 1: {
      const body = r.bytes(r.int(1, 4000));
      return req('random-bytes-signed', body, headers(body, r.pick(CONTENT_TYPES)));
    }
    case 2: {
      const body = Buffer.from(`{"type":"event_callback","team_id":"${ctx.teamId}",${r.text(r.int(0, 200))}`);
      return req('bad-json-signed', body, headers(body, 'application/json'));
    }
    case 3: {
      // Authentic, for an unknown workspace: the installation lookup must refuse it.
      const body = json(r.pick(slackTemplates(r, ctx, unknownTeam)));
      return req('unknown-workspace-signed', body, headers(body, 'application/json'));
    }
    case 4: {
      const payload = r.pick([
        r.text(r.int(0, 300)),
        JSON.stringify(garbageValue(r)),
        '[]',
        'null',
        '{"type":1}',
        JSON.stringify(corrupt(r, r.pick(slackTemplates(r, ctx, unknownTeam)))),
      ]);
      const body = Buffer.from(new URLSearchParams({ payload }).toString());
      return req('garbage-payload-signed', body, headers(body, 'application/x-www-form-urlencoded'));
    }
    case 5: {
      // A slash command with its identifying fields missing or garbage.
      const form: Record<string, string> = {
        command: r.chance(0.5) ? '/clause5' : r.text(8),
        text: r.text(r.int(0, 3000)),
        team_id: r.pick(['', unknownTeam, r.text(30)]),
        user_id: r.pick(['', r.text(12)]),
      };
      for (const k of Object.keys(form)) if (r.chance(0.3)) delete form[k];
      const body = Buffer.from(new URLSearchParams(form).toString());
      return req('command-missing-fields-signed', body, headers(body, 'application/x-www-form-urlencoded'));
    }
    case 6: {
      const body = json(corrupt(r, r.pick(slackTemplates(r, ctx, ctx.teamId))));
      return req('valid-shape-garbage-unsigned', body, headers(body, 'application/json', now, `v0=${r.bytes(32).toString('hex')}`));
    }
    case 7: {
      const body = json(r.pick(slackTemplates(r, ctx, ctx.teamId)));
      const timestamp = r.pick([now - 3600, now + 3600, 0, -1, 1e15]);
      return req('stale-or-future-timestamp', body, headers(body, 'application/json', timestamp));
    }
    case 8: {
      const body = json(r.pick(slackTemplates(r, ctx, ctx.teamId)));
      const h = headers(body, 'application/json');
      const which = r.int(0, 4);
      if (which === 0) delete h['x-slack-signature'];
      else if (which === 1) delete h['x-slack-request-timestamp'];
      else if (which === 2) h['x-slack-signature'] = r.text(r.int(0, 9000)).replace(/[^\x20-\x7e]/g, 'x');
      else if (which === 3) h['x-slack-request-timestamp'] = r.pick(['abc', '1e3', '0x10', ' ', '12.5', 'NaN', 'Infinity']);
      else h['x-slack-signature'] = `v1=${h['x-slack-signature']!.slice(3)}`;
      return req('bad-signature-headers', body, h);
    }
    case 9: {
      // A huge field inside an authentic body (under the 256 KB limit).
      const template: any = r.pick(slackTemplates(r, ctx, unknownTeam));
      template[r.pick(['text', 'event_id', 'blob', 'user'])] = r.text(r.int(50_000, 120_000));
      const body = json(template);
      return req('huge-field-signed', body, headers(body, 'application/json'));
    }
    case 10: {
      const body = json(r.pick([{ type: 'url_verification' }, { type: 'url_verification', challenge: garbageValue(r) }, garbageValue(r), [], 'string', 42]));
      return req('url-verification-garbage-signed', body, headers(body, r.pick(['application/json', 'text/plain'])));
    }
    case 11: {
      // The receiver reads JSON whatever the content type says; an authentic event of an installed
      // workspace would be handled, so these name a workspace that is not installed.
      const body = json(r.pick(slackTemplates(r, ctx, unknownTeam)));
      return req('wrong-content-type-signed', body, headers(body, r.pick(CONTENT_TYPES.filter((c) => !c.toLowerCase().startsWith('application/json')))));
    }
    case 12: {
      // Authentic events of an installed workspace whose event is not an object with a type (an
      // authentic event of a type Clause5 does not handle is not malformed: see abuse.test.ts).
      const badType = r.pick([null, 1, true, [], {}, undefined]);
      const channel = r.pick([null, 1, [], 'C1']);
      const body = json({
        type: 'event_callback',
        team_id: ctx.teamId,
        event_id: `Ev${r.int(1, 1e9)}`,
        event: r.pick([null, 1, 'x', [], { type: badType }, { type: 'app_mention', channel: null, user: channel }, { type: 'message', item: 'x' }]),
      });
      return req('installed-garbage-event-signed', body, headers(body, 'application/json'));
    }
    default: {
      const method = r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
      const path = r.pick([
        '/slack/events',
        '/slack/events/',
        '/slack/events?x=1',
        '/slack//events',
        '/slack/%2e%2e/healthz',
        `/slack/${r.text(20).replace(/[^a-z]/gi, '')}`,
        '/',
      ]);
      return { kind: 'slack:wrong-method-or-path', method, path, headers: {}, body: method === 'GET' ? Buffer.alloc(0) : r.bytes(r.int(0, 100)) };
    }
  }
}

function teamsActivity(r: Random, ctx: FuzzContext): Record<string, any> {
  const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  return {
    type: r.pick(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event']),
    id: `1${r.int(1, 1e9)}`,
    channelId: 'msteams',
    serviceUrl: ctx.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:1fuzz-${r.int(1, 1000)}`, name: r.text(10), aadObjectId: '00000000-0000-4000-8000-000000000999' },
    recipient: { id: '28:00000000-0000-0000-0000-00000000c1a5', name: 'Clause5' },
    conversation: { conversationType: r.pick(['personal', 'channel', 'groupChat']), tenantId: tenant, id: `a:1fuzz-${r.int(1, 1000)}` },
    channelData: { tenant: { id: tenant } },
    text: r.text(r.int(0, 200)),
    value: r.chance(0.3) ? { action: { type: 'Action.Execute', verb: r.text(10), data: garbageValue(r) } } : undefined,
  };
}

/** One value that makes an otherwise fine activity invalid; applied to every "valid shape" case. */
const INVALIDATE: Array<[string, (a: Record<string, any>, r: Random) => void]> = [
  [
    'forged-serviceUrl',
    (a, r) =>
      (a.serviceUrl = r.pick([
        'https://evil.example.com/',
        'http://169.254.169.254/latest/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        r.text(30),
        'http://user:pw@127.0.0.1/',
      ])),
  ],
  ['no-serviceUrl', (a) => delete a.serviceUrl],
  [
    'bad-tenant',
    (a, r) => {
      a.conversation = { ...a.conversation, tenantId: r.pick(['../..', 'a b', '', '<script>', `${r.text(20)} `]) };
      a.channelData = { tenant: { id: a.conversation.tenantId } };
    },
  ],
  [
    'no-tenant',
    (a) => {
      a.conversation = { ...a.conversation, tenantId: undefined };
      a.channelData = {};
    },
  ],
  ['not-teams-channel', (a, r) => (a.channelId = r.pick(['emulator', 'webchat', 'slack', '', 'msteams ']))],
  ['no-conversation', (a, r) => (a.conversation = r.pick([null, 'x', 1, {}, { id: null }]))],
  ['no-recipient', (a, r) => (a.recipient = r.pick([null, {}, 'bot', { id: '' }]))],
  [
    'no-sender-object-id',
    (a, r) => {
      a.type = 'message';
      a.text = r.text(r.int(1, 500)) || 'help';
      a.from = r.pick([{ id: '29:x' }, { id: '29:x', aadObjectId: r.text(36) }, { aadObjectId: 'not-a-guid' }]);
      a.conversation = { ...a.conversation, conversationType: 'personal' };
    },
  ],
];

function teamsCase(r: Random, ctx: FuzzContext): FuzzRequest {
  const req = (kind: string, body: Buffer, contentType = 'application/json', extra: Record<string, string> = {}): FuzzRequest => ({
    kind: `teams:${kind}`,
    method: 'POST',
    path: '/api/messages',
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...extra },
    body,
  });
  switch (r.int(0, 7)) {
    case 0:
      return req('random-bytes', r.bytes(r.int(0, 4000)), r.pick(CONTENT_TYPES));
    case 1:
      return req('bad-json', Buffer.from(`{"type":"message","text":${r.text(r.int(0, 100))}`));
    case 2:
      return req('not-an-object', json(r.pick([[], 1, 'activity', null, true, [teamsActivity(r, ctx)]])));
    case 3: {
      const a = corrupt(r, corrupt(r, teamsActivity(r, ctx))) as Record<string, any>;
      const [name, invalidate] = r.pick(INVALIDATE);
      if (a && typeof a === 'object' && !Array.isArray(a)) invalidate(a, r);
      return req(`garbage-values:${name}`, json(a));
    }
    case 4: {
      const a = teamsActivity(r, ctx);
      const [name, invalidate] = r.pick(INVALIDATE);
      invalidate(a, r);
      a[r.pick(['text', 'attachments', 'entities', 'channelData'])] = r.text(r.int(50_000, 120_000));
      return req(`huge-field:${name}`, json(a));
    }
    case 5: {
      const a = teamsActivity(r, ctx);
      const [name, invalidate] = r.pick(INVALIDATE);
      invalidate(a, r);
      return req(`wrong-content-type:${name}`, json(a), r.pick(CONTENT_TYPES.filter((c) => !c.toLowerCase().startsWith('application/json'))));
    }
    case 6: {
      // Garbage bearer tokens (these must not show up in the logs either).
      const a = teamsActivity(r, ctx);
      const [name, invalidate] = r.pick(INVALIDATE);
      invalidate(a, r);
      const token = `eyJ${r.bytes(40).toString('base64url')}.eyJ${r.bytes(60).toString('base64url')}.${r.bytes(40).toString('base64url')}`;
      return req(`bearer-garbage:${name}`, json(a), 'application/json', { authorization: `Bearer ${token}` });
    }
    default: {
      const method = r.pick(['GET', 'PUT', 'DELETE']);
      return { kind: 'teams:wrong-method', method, path: r.pick(['/api/messages', '/api/messages/', '/api/Messages']), headers: {}, body: Buffer.alloc(0) };
    }
  }
}

/** Every family of case (the first two parts of a kind), so a run can show it exercised them all. */
export const FUZZ_FAMILIES = [
  ...[
    'random-bytes-unsigned',
    'random-bytes-signed',
    'bad-json-signed',
    'unknown-workspace-signed',
    'garbage-payload-signed',
    'command-missing-fields-signed',
    'valid-shape-garbage-unsigned',
    'stale-or-future-timestamp',
    'bad-signature-headers',
    'huge-field-signed',
    'url-verification-garbage-signed',
    'wrong-content-type-signed',
    'installed-garbage-event-signed',
    'wrong-method-or-path',
  ].map((k) => `slack:${k}`),
  ...['random-bytes', 'bad-json', 'not-an-object', 'garbage-values', 'huge-field', 'wrong-content-type', 'bearer-garbage', 'wrong-method'].map(
    (k) => `teams:${k}`,
  ),
];

export function fuzzCase(r: Random, ctx: FuzzContext): FuzzRequest {
  return r.chance(0.5) ? slackCase(r, ctx) : teamsCase(r, ctx);
}
