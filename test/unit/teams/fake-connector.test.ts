// The fake Bot Connector is only worth something if it refuses what Teams refuses: a call without
// a bearer token, a conversation Teams never saw, and more than Teams' rate limits.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnector, teamsRateLimits } from '../../support/fake-connector';

const TOKEN = { authorization: 'Bearer a-token' };
let fake: FakeConnector | undefined;
afterEach(async () => fake?.stop());

async function send(conversation: string, headers: Record<string, string> = TOKEN, body: object = { type: 'message', text: 'hi' }) {
  const res = await fetch(`${fake!.url}v3/conversations/${encodeURIComponent(conversation)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

describe('the fake Bot Connector', () => {
  it('refuses a call without a bearer token (401), unless the test opts out for a bot without credentials', async () => {
    fake = await new FakeConnector().start();
    fake.addConversation('a:chat1');
    expect(await send('a:chat1', {})).toMatchObject({ status: 401, body: { error: { code: 'Unauthorized' } } });
    expect((await send('a:chat1', { authorization: 'Bearer ' })).status).toBe(401);
    expect((await send('a:chat1', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await send('a:chat1')).status).toBe(201);
    await fake.stop();
    fake = await new FakeConnector({ allowAnonymous: true }).start();
    fake.addConversation('a:chat1');
    expect((await send('a:chat1', {})).status).toBe(201);
  });

  it('refuses a conversation Teams never saw (404); knows those named by activities, members, seeds and creations', async () => {
    fake = await new FakeConnector().start();
    expect(await send('a:nowhere')).toMatchObject({ status: 404, body: { error: { code: 'ConversationNotFound' } } });
    fake.learn({ conversation: { id: '19:chan@thread.tacv2;messageid=1' }, channelData: { team: { id: '19:team@thread.tacv2' } } });
    expect((await send('19:chan@thread.tacv2')).status).toBe(201);
    expect((await send('19:team@thread.tacv2;messageid=7')).status).toBe(201);
    fake.addMember('19:other@thread.tacv2', { id: '29:1', name: 'Ann', aadObjectId: 'aad-1' });
    expect((await send('19:other@thread.tacv2')).status).toBe(201);
    const created = await fetch(`${fake.url}v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TOKEN },
      body: JSON.stringify({ bot: { id: '28:bot' }, members: [{ id: '29:1' }], tenantId: 'tenant' }),
    });
    const { id } = (await created.json()) as { id: string };
    expect((await send(id)).status).toBe(201);
    expect(fake.calls.filter((c) => c.status === 404).map((c) => c.conversationId)).toEqual(['a:nowhere']);
  });

  it('applies Teams’ limits by default: the 8th call in a second into one conversation gets 429 with Retry-After', async () => {
    fake = await new FakeConnector().start();
    fake.addConversation('a:busy');
    fake.addConversation('a:quiet');
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await send('a:busy')).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    expect(fake.calls.at(-1)).toMatchObject({ status: 429 });
    expect((await send('a:busy')).retryAfter).toBe('1');
    expect((await send('a:quiet')).status).toBe(201); // another conversation has its own window
  });

  it('counts 7 a second per conversation and 50 a second per tenant on its clock, windows sliding', () => {
    let now = 0;
    const limit = teamsRateLimits(() => now);
    for (let i = 0; i < 7; i++) expect(limit('send', 'a:1', 'T')).toBeUndefined();
    expect(limit('send', 'a:1', 'T')).toBe(1);
    now = 999;
    expect(limit('send', 'a:1', 'T')).toBe(1);
    now = 1_000;
    expect(limit('send', 'a:1', 'T')).toBeUndefined(); // the first call left the window
    now = 10_000;
    for (let i = 0; i < 50; i++) expect(limit('send', `a:c${i}`, 'T')).toBeUndefined();
    expect(limit('send', 'a:c50', 'T')).toBe(1);
    expect(limit('send', 'a:c50', 'U')).toBeUndefined(); // another tenant
  });

  it('lets a test switch the limits off explicitly', async () => {
    fake = await new FakeConnector({ rateLimits: false }).start();
    fake.addConversation('a:busy');
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await send('a:busy')).status);
    expect(statuses.every((s) => s === 201)).toBe(true);
  });
});
