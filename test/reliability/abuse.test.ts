// Abuse of the public endpoints on a real server process: oversized bodies are refused with 413
// before anything reads them (so no signature is ever computed over them), slow-header connections
// neither stall other requests nor stay open past the server's header timeout, and the malformed
// requests the fuzz found get a 4xx at once (they were 500s, a 501 and 3-second hangs).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { FakeConnector } from '../support/fake-connector';
import { FakeSlack } from '../support/fake-slack';
import { signature } from '../support/slack-requests';
import { percentile, pool, send } from './support/client';
import { addToFake, SIGNING_SECRET, seedSlackPlant, slackEnv, type Plant } from './support/plant';
import { serve, sleep, until, type Clause5Process } from './support/process';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs } from './support/secrets';
import { bigBody, slowHeaders, type SlowClient } from './support/sockets';

const LOGS = 'abuse';
const MB = 1024 * 1024;
let fake: FakeSlack;
let connector: FakeConnector;
let dir: string;
let plant: Plant;
let server: Clause5Process;

beforeAll(async () => {
  freshLogs(LOGS);
  fake = await new FakeSlack().start();
  connector = await new FakeConnector({ allowAnonymous: true }).start(); // the served bot has no credentials
  dir = tempDir('clause5-abuse-');
  const dbPath = join(dir, 'clause5.db');
  plant = seedSlackPlant(dbPath, { workspaces: 1, leadersPer: 2, dueAt: Date.now() + 3 * 86_400_000, lastPassAt: Date.now(), prefix: 'AB' });
  addToFake(fake, plant);
  server = await serve(
    slackEnv(dbPath, fake.url, { NODE_ENV: 'test', TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_SERVICE_URL_ALLOWLIST: new URL(connector.url).host }),
    `${LOGS}-server.log`,
  );
});
afterAll(async () => {
  await server?.kill('SIGTERM');
  await fake?.stop();
  await connector?.stop();
  rmSync(dir, { recursive: true, force: true });
  expectNoSecrets(LOGS);
});

const refusedSignatures = () => server.logLines().filter((l) => l.msg === 'refused a Slack request').length;

function signedHeaders(body: string, contentType = 'application/json'): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(SIGNING_SECRET, ts, body) };
}

function post(path: string, body: string, headers: Record<string, string>) {
  return send(server.url, { method: 'POST', path, headers, body: Buffer.from(body) });
}

/**
 * The signature checks since `before`, read once a marker request (a bad signature, refused and
 * logged) has been handled after the request under test: the server logs in order, so any check
 * the earlier request caused is in the log by then.
 */
async function checksSince(before: number): Promise<number> {
  const marker = await post('/slack/events', '{"type":"event_callback"}', {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
    'x-slack-signature': `v0=${'0'.repeat(64)}`,
  });
  expect(marker.status).toBe(401);
  await until(() => refusedSignatures() > before, 2_000, 'the marker’s refusal log line');
  return refusedSignatures() - before - 1;
}

describe('oversized bodies', () => {
  const badSignature = () => ({ 'X-Slack-Request-Timestamp': String(Math.floor(Date.now() / 1000)), 'X-Slack-Signature': `v0=${'0'.repeat(64)}` });

  it('checks signatures of normal-sized bodies (the counter below can move)', async () => {
    const before = refusedSignatures();
    const res = await post('/slack/events', '{"type":"event_callback"}', {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-slack-signature': `v0=${'0'.repeat(64)}`,
    });
    expect(res.status).toBe(401);
    await until(() => refusedSignatures() === before + 1, 2_000, 'the refusal log line');
  });

  for (const path of ['/slack/events', '/api/messages']) {
    for (const size of [1 * MB, 10 * MB]) {
      it(`answers 413 to ${size / MB} MB declared in Content-Length at ${path} before a byte of the body is sent`, async () => {
        const before = refusedSignatures();
        const r = await bigBody(server.port, path, size, { chunked: false, holdBody: true, headers: badSignature() });
        expect(r).toMatchObject({ status: 413, bytesSent: 0 });
        expect(r.ms).toBeLessThan(1_000);
        expect(await checksSince(before)).toBe(0); // no signature was checked
        figure(
          'oversized',
          `${size / MB} MB declared at ${path}: 413 in ${r.ms.toFixed(1)} ms, before a body byte was sent${path === '/slack/events' ? ', 0 signature checks' : ''}`,
          { ...r },
        );
      });

      it(`answers 413 to ${size / MB} MB sent chunked (no length) at ${path} soon after 256 KB have arrived`, async () => {
        const before = refusedSignatures();
        const r = await bigBody(server.port, path, size, { chunked: true, headers: badSignature(), paceMs: 2 });
        expect(r.status).toBe(413);
        expect(r.bytesSent).toBeLessThan(size); // answered before the body was over
        expect(r.bytesSent).toBeLessThan(2 * MB);
        expect(await checksSince(before)).toBe(0);
        figure(
          'oversized',
          `${size / MB} MB chunked at ${path}: 413 after ${(r.bytesSent / 1024).toFixed(0)} KB sent (limit 256 KB)${path === '/slack/events' ? ', 0 signature checks' : ''}`,
          { ...r },
        );
      });
    }
  }
});

describe('500 slow-header connections', () => {
  it('do not stall other requests, and the server closes them after its header timeout', { timeout: 40_000 }, async () => {
    const opened = performance.now();
    const slow: SlowClient[] = Array.from({ length: 500 }, () => slowHeaders(server.port, 1_000));
    await until(() => slow.every((c) => c.socket.readyState === 'open' || c.closedAt !== undefined), 5_000, 'the slow connections');
    await sleep(1_200); // each has sent a header line or two by now
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'still-here' });
    await pool(
      server.url,
      200,
      10,
      (i) =>
        i % 2
          ? { method: 'GET', path: '/healthz', headers: {}, body: Buffer.alloc(0) }
          : { method: 'POST', path: '/slack/events', headers: signedHeaders(challenge), body: Buffer.from(challenge) },
      (_req, res) => {
        latencies.push(res.ms);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      },
    );
    expect(Object.fromEntries(statuses)).toEqual({ 200: 200 });
    expect(slow.filter((c) => c.closedAt !== undefined)).toHaveLength(0); // they were all still open meanwhile
    expect(percentile(latencies, 99)).toBeLessThan(250);
    // headersTimeout is 10 s; the server must notice within a couple of seconds of it.
    await until(() => slow.every((c) => c.closedAt !== undefined), 20_000, 'the server to close the slow connections');
    const lastClose = Math.max(...slow.map((c) => c.closedAt!)) - opened;
    figure(
      'slow-headers',
      `500 slow-header connections: other requests p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (200/200 answered); all 500 closed with 408 by ${(lastClose / 1000).toFixed(1)} s`,
      {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        lastCloseMs: lastClose,
      },
    );
    expect(lastClose).toBeLessThan(13_500);
    expect(slow.filter((c) => c.received.startsWith('HTTP/1.1 408')).length).toBe(500);
  });
});

describe('malformed requests the fuzz found (each was a 5xx or a 3-second hang)', () => {
  const teamId = () => plant.workspaces[0]!.teamId;

  it('a signed event whose event is not an object → 400 (was 500 from inside Bolt)', async () => {
    for (const event of [null, 1, 'x', { type: 'app_mention', channel: null }]) {
      const body = JSON.stringify({ type: 'event_callback', team_id: teamId(), event_id: `Ev${Math.random()}`, event });
      expect((await post('/slack/events', body, signedHeaders(body))).status).toBe(400);
    }
  });

  it('a signed interaction whose payload is not an object → 400 (was 500)', async () => {
    for (const payload of ['null', '[]', '7', '{"type":"block_actions","actions":[]}']) {
      const body = new URLSearchParams({ payload }).toString();
      expect((await post('/slack/events', body, signedHeaders(body, 'application/x-www-form-urlencoded'))).status).toBe(400);
    }
  });

  it('an authentic event nobody handles is acknowledged at once (was a 404 after 3 s, so Slack retried it)', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: teamId(),
      event_id: `Ev${Date.now()}`,
      event: { type: 'reaction_added', user: 'U1', item: { type: 'message', channel: 'C1', ts: '1.2' } },
    });
    const res = await post('/slack/events', body, signedHeaders(body));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1_000);
  });

  it('an authentic request from a workspace Clause5 is not installed in → 200, a warning rather than an error', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'TNOTHERE',
      event_id: `Ev${Date.now()}`,
      event: { type: 'app_mention', user: 'U1', text: 'hi', channel: 'C1', ts: '1.3' },
    });
    const res = await post('/slack/events', body, signedHeaders(body));
    expect(res.status).toBe(200);
    await until(() => server.logLines().some((l) => l.level === 40 && /not installed/.test(String(l.msg))), 2_000, 'the warning');
    expect(server.logLines().filter((l) => l.level >= 50)).toEqual([]);
  });

  const activity = (patch: Record<string, unknown>) => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: 'f:1',
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:1', aadObjectId: '00000000-0000-4000-8000-000000000001' },
    recipient: { id: '28:bot' },
    conversation: { conversationType: 'personal', tenantId: 'a b', id: 'a:1' },
    value: { action: { type: 'Action.Execute', verb: 'x', data: {} } },
    ...patch,
  });

  it('a Teams invoke Clause5 must ignore (bad tenant, no channel id) → 400 (was 501)', async () => {
    for (const patch of [{}, { channelId: undefined, conversation: { id: 'a:1' } }]) {
      const res = await post('/api/messages', JSON.stringify(activity(patch)), { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
    }
  });

  it('a Teams activity the SDK cannot read (recipient null, channel id with an empty main channel) → 400 (was a 200 and an error)', async () => {
    for (const patch of [{ recipient: null }, { channelId: ':sub' }]) {
      const res = await post('/api/messages', JSON.stringify(activity({ type: 'message', text: 'help', ...patch })), { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
    }
    expect(server.logLines().filter((l) => l.level >= 50)).toEqual([]);
    expect(connector.calls).toEqual([]);
  });
});
