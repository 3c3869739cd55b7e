// The fake Slack is only worth something if it refuses what Slack refuses: these are the refusals
// the end-to-end tests rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../support/fake-slack';
import { checkMessage, checkView } from '../../support/fake-slack-blocks';
import { workspace } from '../../support/slack-harness';

const section = (text: string, block_id?: string) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...(block_id ? { block_id } : {}) });
const button = (text: string, action_id: string) => ({ type: 'button', text: { type: 'plain_text', text }, action_id, value: 'v' });
const input = (block_id: string) => ({ type: 'input', block_id, label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: block_id } });
const modal = (extra: object) => ({ type: 'modal', title: { type: 'plain_text', text: 'T' }, submit: { type: 'plain_text', text: 'S' }, blocks: [input('a')], ...extra });

describe('what the fake refuses in messages', () => {
  it('accepts a plain valid message', () => {
    expect(checkMessage({ text: 'hi', blocks: [section('hello', 'b1'), { type: 'actions', elements: [button('Yes', 'x')] }] })).toEqual([]);
  });

  const refused: Array<[string, object]> = [
    ['more than 50 blocks', { blocks: Array.from({ length: 51 }, (_, i) => section(`s${i}`)) }],
    ['section text over 3000', { blocks: [section('x'.repeat(3001))] }],
    ['more than 10 fields', { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] }],
    ['button text over 75', { blocks: [{ type: 'actions', elements: [button('x'.repeat(76), 'a')] }] }],
    ['input blocks in a message', { blocks: [input('a')] }],
    ['duplicate block_id', { blocks: [section('a', 'same'), section('b', 'same')] }],
    ['duplicate action_id', { blocks: [{ type: 'actions', elements: [button('a', 'dup'), button('b', 'dup')] }] }],
    ['empty section text', { blocks: [section('')] }],
    ['no text and no blocks', { text: '' }],
    ['emoji on mrkdwn', { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }] }],
  ];
  for (const [what, args] of refused) {
    it(`refuses ${what}`, () => expect(checkMessage(args as Record<string, unknown>).length).toBeGreaterThan(0));
  }
});

describe('what the fake refuses in views', () => {
  it('accepts a valid modal and home', () => {
    expect(checkView(modal({}))).toEqual([]);
    expect(checkView({ type: 'home', blocks: [section('hi')] })).toEqual([]);
  });

  const refused: Array<[string, object]> = [
    ['more than 100 blocks', modal({ blocks: Array.from({ length: 101 }, (_, i) => input(`i${i}`)) })],
    ['a title over 24', modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } })],
    ['a submit label over 24', modal({ submit: { type: 'plain_text', text: 'x'.repeat(25) } })],
    ['a close label over 24', modal({ close: { type: 'plain_text', text: 'x'.repeat(25) } })],
    ['inputs without a submit button', modal({ submit: undefined })],
    ['an initial option that is not an option', modal({ blocks: [{ type: 'input', block_id: 's', label: { type: 'plain_text', text: 'L' }, element: { type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }], initial_option: { text: { type: 'plain_text', text: 'B' }, value: 'b' } } }] })],
    ['a home with more than 100 blocks', { type: 'home', blocks: Array.from({ length: 101 }, (_, i) => section(`s${i}`)) }],
  ];
  for (const [what, view] of refused) {
    it(`refuses ${what}`, () => expect(checkView(view).length).toBeGreaterThan(0));
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
    const res = await fetch(`${fake.url}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
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
    const page2 = (await call('conversations.history', { channel: 'DU1', oldest: `${before}.000000`, limit: 2, include_all_metadata: true, cursor: page1.response_metadata.next_cursor })).body;
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

  it('accepts a trigger_id once', async () => {
    const trigger = fake.trigger('T0ACME');
    expect((await call('views.open', { trigger_id: trigger, view: modal({}) })).body.ok).toBe(true);
    expect((await call('views.open', { trigger_id: trigger, view: modal({}) })).body.error).toBe('exchanged_trigger_id');
  });
});
