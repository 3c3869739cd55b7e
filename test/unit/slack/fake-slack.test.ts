// The fake Slack is only worth something if it refuses what Slack refuses: these are the refusals
// the end-to-end tests rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../support/fake-slack';
import { checkMessage, checkView } from '../../support/fake-slack-blocks';
import { workspace } from '../../support/slack-harness';

const section = (text: string, block_id?: string) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...(block_id ? { block_id } : {}) });
const button = (text: string, action_id: string) => ({ type: 'button', text: { type: 'plain_text', text }, action_id, value: 'v' });
const input = (block_id: string) => ({
  type: 'input',
  block_id,
  label: { type: 'plain_text', text: 'L' },
  element: { type: 'plain_text_input', action_id: block_id },
});
const modal = (extra: object) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'T' },
  submit: { type: 'plain_text', text: 'S' },
  blocks: [input('a')],
  ...extra,
});

describe('what the fake refuses in messages', () => {
  it('accepts a plain valid message', () => {
    expect(checkMessage({ text: 'hi', blocks: [section('hello', 'b1'), { type: 'actions', elements: [button('Yes', 'x')] }] })).toEqual([]);
  });

  const image = (extra: object) => ({ type: 'image', image_url: 'https://example.com/a.png', alt_text: 'a chart', ...extra });
  const accessory = (element: object) => ({ blocks: [{ ...section('x'), accessory: element }] });
  // Each case breaks one rule, and the one problem found must be that rule.
  const refused: Array<[string, object, string]> = [
    ['more than 50 blocks', { blocks: Array.from({ length: 51 }, (_, i) => section(`s${i}`)) }, 'more than 50 blocks (51)'],
    ['section text over 3000', { blocks: [section('x'.repeat(3001))] }, 'blocks[0].text: text longer than 3000 (3001)'],
    [
      'more than 10 fields',
      { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] },
      'blocks[0]: fields must have 1 to 10 items',
    ],
    ['button text over 75', { blocks: [{ type: 'actions', elements: [button('x'.repeat(76), 'a')] }] }, 'blocks[0].elements[0].text: longer than 75 (76)'],
    ['input blocks in a message', { blocks: [input('a')] }, 'blocks[0]: input blocks are not allowed here'],
    ['duplicate block_id', { blocks: [section('a', 'same'), section('b', 'same')] }, 'blocks[1]: duplicate block_id same'],
    ['duplicate action_id', { blocks: [{ type: 'actions', elements: [button('a', 'dup'), button('b', 'dup')] }] }, 'blocks[0]: duplicate action_id dup'],
    ['empty section text', { blocks: [section('')] }, 'blocks[0].text: empty text'],
    ['no text and no blocks', { text: '' }, 'no_text: a message needs text or blocks'],
    [
      'emoji on mrkdwn',
      { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }] },
      'blocks[0].text: emoji is only allowed on plain_text',
    ],
    ['a button accessory with text over 75', accessory(button('x'.repeat(76), 'acc')), 'blocks[0].accessory.text: longer than 75 (76)'],
    [
      'an accessory without action_id',
      accessory({ type: 'overflow', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }] }),
      'blocks[0]: element without action_id',
    ],
    ['a section block as an accessory', accessory(section('nested')), 'blocks[0].accessory: section cannot be an accessory'],
    ['an image accessory without alt_text', accessory(image({ alt_text: undefined })), 'blocks[0].accessory: image without alt_text'],
    ['an image block without image_url', { blocks: [image({ image_url: undefined })] }, 'blocks[0]: image without image_url'],
    ['an image block alt_text over 2000', { blocks: [image({ alt_text: 'x'.repeat(2001) })] }, 'blocks[0]: alt_text longer than 2000'],
    [
      'a context image without alt_text',
      { blocks: [{ type: 'context', elements: [image({ alt_text: '' })] }] },
      'blocks[0].elements[0]: image without alt_text',
    ],
    [
      'text in an actions block',
      { blocks: [{ type: 'actions', elements: [{ type: 'mrkdwn', text: 'x' }] }] },
      'blocks[0].elements[0]: mrkdwn is not an interactive element',
    ],
    [
      'a select with no options in an actions block',
      { blocks: [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [] }] }] },
      'blocks[0].elements[0]: select needs 1 to 100 options',
    ],
    [
      'an overflow with 6 options',
      accessory({
        type: 'overflow',
        action_id: 'o',
        options: Array.from({ length: 6 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `${i}` })),
      }),
      'blocks[0].accessory: overflow needs 1 to 5 options',
    ],
  ];
  for (const [what, args, problem] of refused) {
    it(`refuses ${what}`, () => expect(checkMessage(args as Record<string, unknown>)).toEqual([problem]));
  }

  it('accepts a button, an image and a select as accessories, and image blocks', () => {
    expect(checkMessage(accessory(button('Go', 'go')))).toEqual([]);
    expect(checkMessage(accessory(image({})))).toEqual([]);
    expect(checkMessage({ blocks: [image({ title: { type: 'plain_text', text: 'Chart' } }), { type: 'context', elements: [image({})] }] })).toEqual([]);
    expect(
      checkMessage({
        blocks: [
          { type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }] }] },
        ],
      }),
    ).toEqual([]);
  });
});

describe('what the fake refuses in views', () => {
  it('accepts a valid modal and home', () => {
    expect(checkView(modal({}))).toEqual([]);
    expect(checkView({ type: 'home', blocks: [section('hi')] })).toEqual([]);
  });

  const refused: Array<[string, object, string]> = [
    ['more than 100 blocks', modal({ blocks: Array.from({ length: 101 }, (_, i) => input(`i${i}`)) }), 'more than 100 blocks (101)'],
    ['a title over 24', modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }), 'title: longer than 24 (25)'],
    ['a submit label over 24', modal({ submit: { type: 'plain_text', text: 'x'.repeat(25) } }), 'submit: longer than 24 (25)'],
    ['a close label over 24', modal({ close: { type: 'plain_text', text: 'x'.repeat(25) } }), 'close: longer than 24 (25)'],
    ['inputs without a submit button', modal({ submit: undefined }), 'submit: missing'],
    [
      'an initial option that is not an option',
      modal({
        blocks: [
          {
            type: 'input',
            block_id: 's',
            label: { type: 'plain_text', text: 'L' },
            element: {
              type: 'static_select',
              action_id: 's',
              options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }],
              initial_option: { text: { type: 'plain_text', text: 'B' }, value: 'b' },
            },
          },
        ],
      }),
      'blocks[0]: initial option is not one of the options',
    ],
    ['a home with more than 100 blocks', { type: 'home', blocks: Array.from({ length: 101 }, (_, i) => section(`s${i}`)) }, 'more than 100 blocks (101)'],
  ];
  for (const [what, view, problem] of refused) {
    it(`refuses ${what}`, () => expect(checkView(view)).toEqual([problem]));
  }
});

describe('the fake over HTTP', () => {
  const ws = workspace('T0ACME', 'Acme', [{ id: 'U1', name: 'Ann' }], ['C1']);
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    fake.addWorkspace(ws);
  });
  afterAll(async () => fake.stop());

  async function call(method: string, args: object, token = ws.botToken) {
    const res = await fetch(`${fake.url}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  }

  it('answers invalid_blocks like Slack, with the reasons, and records the refusal', async () => {
    const r = await call('chat.postMessage', { channel: 'C1', text: 'x', blocks: [input('a')] });
    expect(r.body).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(r.body.response_metadata.messages[0]).toContain('not allowed');
    expect(fake.callsTo('chat.postMessage', 'T0ACME', 'invalid_blocks')).toHaveLength(1);
  });

  it('answers invalid_auth to an unknown token, not_in_channel outside invited channels', async () => {
    expect((await call('auth.test', {}, 'xoxb-wrong')).body.error).toBe('invalid_auth');
    expect((await call('chat.postMessage', { channel: 'C2', text: 'x' })).body.error).toBe('not_in_channel');
  });

  it('answers 429 with Retry-After on demand, then recovers', async () => {
    fake.fail('chat.postMessage', { status: 429, retryAfter: 12 });
    const limited = await call('chat.postMessage', { channel: 'U1', text: 'x' });
    expect([limited.status, limited.retryAfter, limited.body.error]).toEqual([429, '12', 'ratelimited']);
    const ok = await call('chat.postMessage', { channel: 'U1', text: 'x' });
    expect(ok.body).toMatchObject({ ok: true, channel: 'DU1' });
  });

  it('keeps message metadata and answers conversations.history newest first, paged, metadata only when asked', async () => {
    const meta = (key: string) => ({ event_type: 'clause5_delivery', event_payload: { key } });
    const before = Math.floor(Date.now() / 1000) - 1;
    const posted = [];
    for (const key of ['k1', 'k2', 'k3']) posted.push((await call('chat.postMessage', { channel: 'U1', text: key, metadata: meta(key) })).body);
    expect(posted.every((p) => p.ok && p.channel === 'DU1')).toBe(true);
    const page1 = (await call('conversations.history', { channel: 'DU1', oldest: `${before}.000000`, limit: 2, include_all_metadata: true })).body;
    expect(page1.messages.map((m: any) => m.metadata?.event_payload.key)).toEqual(['k3', 'k2']);
    expect(page1.has_more).toBe(true);
    const page2 = (
      await call('conversations.history', {
        channel: 'DU1',
        oldest: `${before}.000000`,
        limit: 2,
        include_all_metadata: true,
        cursor: page1.response_metadata.next_cursor,
      })
    ).body;
    expect(page2.messages.map((m: any) => m.ts)).toContain(posted[0].ts);
    const plain = (await call('conversations.history', { channel: 'DU1', oldest: `${before}.000000` })).body;
    expect(plain.messages.every((m: any) => m.metadata === undefined)).toBe(true);
    // oldest is exclusive: nothing after the newest message
    expect((await call('conversations.history', { channel: 'DU1', oldest: posted[2].ts })).body.messages).toEqual([]);
  });

  it('refuses history of a user id or an unknown DM (channel_not_found) and malformed metadata', async () => {
    expect((await call('conversations.history', { channel: 'U1' })).body.error).toBe('channel_not_found');
    expect((await call('conversations.history', { channel: 'DU9' })).body.error).toBe('channel_not_found');
    expect((await call('chat.postMessage', { channel: 'U1', text: 'x', metadata: { event_payload: {} } })).body.error).toBe('invalid_metadata_schema');
    expect((await call('chat.postMessage', { channel: 'U1', text: 'x', metadata: 'nonsense' })).body.error).toBe('invalid_metadata_format');
  });

  it('accepts a trigger_id once, and only within 3 seconds on its clock', async () => {
    const trigger = fake.trigger('T0ACME');
    expect((await call('views.open', { trigger_id: trigger, view: modal({}) })).body.ok).toBe(true);
    expect((await call('views.open', { trigger_id: trigger, view: modal({}) })).body.error).toBe('exchanged_trigger_id');
    const at = Date.parse('2026-11-23T15:00:00Z');
    fake.now = () => at;
    const late = fake.trigger('T0ACME');
    const justInTime = fake.trigger('T0ACME');
    try {
      fake.now = () => at + 3_000;
      expect((await call('views.open', { trigger_id: justInTime, view: modal({}) })).body.ok).toBe(true);
      fake.now = () => at + 3_001;
      expect((await call('views.open', { trigger_id: late, view: modal({}) })).body.error).toBe('expired_trigger_id');
    } finally {
      fake.now = Date.now;
    }
  });

  it('answers msg_too_long to text over 40,000 characters', async () => {
    expect((await call('chat.postMessage', { channel: 'U1', text: 'x'.repeat(40_000) })).body.ok).toBe(true);
    expect((await call('chat.postMessage', { channel: 'U1', text: 'x'.repeat(40_001) })).body.error).toBe('msg_too_long');
    expect((await call('chat.postEphemeral', { channel: 'C1', user: 'U1', text: 'x'.repeat(40_001) })).body.error).toBe('msg_too_long');
    const posted = (await call('chat.postMessage', { channel: 'U1', text: 'short' })).body;
    expect((await call('chat.update', { channel: posted.channel, ts: posted.ts, text: 'x'.repeat(40_001) })).body.error).toBe('msg_too_long');
  });

  it('answers missing_scope for a method the installation was not granted, and grants only its scopes in OAuth', async () => {
    const narrow = workspace('T0NARROW', 'Narrow', [{ id: 'U7', name: 'Nia' }]);
    fake.addWorkspace({ ...narrow, scopes: ['commands', 'chat:write'] });
    const r = await call('conversations.open', { users: 'U7' }, narrow.botToken);
    expect(r.body).toMatchObject({ ok: false, error: 'missing_scope', needed: 'im:write', provided: 'commands,chat:write' });
    expect((await call('users.info', { user: 'U7' }, narrow.botToken)).body.error).toBe('missing_scope');
    expect((await call('conversations.history', { channel: 'DU7' }, narrow.botToken)).body).toMatchObject({ error: 'missing_scope', needed: 'im:history' });
    expect((await call('chat.postMessage', { channel: 'U7', text: 'x' }, narrow.botToken)).body.ok).toBe(true);
    // The default installation has what the manifest asks for, but never channels:history.
    expect((await call('conversations.open', { users: 'U1' })).body.ok).toBe(true);
    expect((await call('conversations.history', { channel: 'C1' })).body).toMatchObject({ error: 'missing_scope', needed: 'channels:history' });
    const code = fake.oauthCode('T0NARROW');
    const form = new URLSearchParams({ code, client_id: fake.clientId, client_secret: fake.clientSecret });
    const oauth = (await (await fetch(`${fake.url}oauth.v2.access`, { method: 'POST', body: form })).json()) as any;
    expect(oauth.scope).toBe('commands,chat:write');
  });

  it('takes a response_url 5 times within 30 minutes, then refuses it', async () => {
    const at = Date.parse('2026-11-23T15:00:00Z');
    fake.now = () => at;
    const url = fake.responseUrl('T0ACME');
    const old = fake.responseUrl('T0ACME');
    const reply = (to: string, text = 'ok') => fetch(to, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    try {
      fake.now = () => at + 30 * 60_000;
      for (let i = 0; i < 5; i++) expect((await reply(url)).status).toBe(200);
      const sixth = await reply(url);
      expect([sixth.status, await sixth.text()]).toEqual([404, 'used_url']);
      fake.now = () => at + 30 * 60_000 + 1;
      const late = await reply(old);
      expect([late.status, await late.text()]).toEqual([404, 'expired_url']);
      const tooLong = await reply(fake.responseUrl('T0ACME'), 'x'.repeat(40_001));
      expect([tooLong.status, await tooLong.text()]).toEqual([400, 'msg_too_long']);
    } finally {
      fake.now = Date.now;
    }
    expect(fake.responses.map((r) => r.outcome).slice(-3)).toEqual(['used_url', 'expired_url', 'msg_too_long']);
  });
});
