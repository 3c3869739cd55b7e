// The fetch our WebClients use (src/platforms/slack/lean-fetch.ts), against a real local HTTP server:
// what it sends, what the WebClient reads back, what it refuses, and what it hands to Node's fetch.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackApi } from '../../../src/platforms/slack/api';
import { slackFetch } from '../../../src/platforms/slack/lean-fetch';
import { silentLogger } from '../../../src/core/ports';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
let seen: Seen[];
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;

beforeEach(async () => {
  seen = [];
  answer = (_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ ok: true, channel: 'D0CHAN', ts: '1700000000.000100' }));
  };
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const form = 'channel=U1&text=caf%C3%A9%20%E2%9C%93';

describe('slackFetch', () => {
  it('posts the form with its headers and length, and hands back the whole answer', async () => {
    answer = (_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-OAuth-Scopes', ['chat:write', 'im:history']);
      res.end('{"ok":true,"text":"café ✓"}');
    };
    const response = await slackFetch(`${base}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' },
      body: form,
      redirect: 'error',
    });
    expect(seen).toMatchObject([{ method: 'POST', url: '/api/chat.postMessage', body: form }]);
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'Bearer xoxb-1',
      'content-length': String(Buffer.byteLength(form)),
    });
    expect([response.ok, response.status, response.url]).toEqual([true, 200, `${base}chat.postMessage`]);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-oauth-scopes')).toBe('chat:write, im:history');
    expect(Object.fromEntries(response.headers.entries())).toMatchObject({ 'x-oauth-scopes': 'chat:write, im:history' });
    expect(await response.json()).toEqual({ ok: true, text: 'café ✓' });
  });

  it('refuses a redirect instead of following it', async () => {
    answer = (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'https://elsewhere.example/');
      res.end();
    };
    await expect(slackFetch(`${base}chat.postMessage`, { method: 'POST', body: form, redirect: 'error' })).rejects.toThrow(/redirects are refused/);
  });

  it('gives up a call when its signal aborts (the WebClient’s timeout)', async () => {
    const controller = new AbortController();
    answer = () => controller.abort(); // never answers; the abort comes once the request has arrived
    await expect(slackFetch(`${base}chat.postMessage`, { method: 'POST', body: form, redirect: 'error', signal: controller.signal })).rejects.toThrow(/abort/i);
  });

  it('leaves a multipart upload to Node’s fetch', async () => {
    const data = new FormData();
    data.append('file', new Blob(['a,b\n1,2\n']), 'scorecard.csv');
    const response = await slackFetch(`${base}files.upload`, { method: 'POST', body: data, redirect: 'error' });
    expect(response.status).toBe(200);
    expect(seen[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.body).toContain('a,b\n1,2\n');
  });
});

describe('a WebClient with our options', () => {
  const client = () => new webApi.WebClient('xoxb-1', SlackApi.clientOptions(base, silentLogger));

  it('reads a call’s result from the lean fetch', async () => {
    const result = await client().chat.postMessage({ channel: 'U1', text: 'café ✓' });
    expect(result).toMatchObject({ ok: true, channel: 'D0CHAN', ts: '1700000000.000100' });
    expect(new URLSearchParams(seen[0]!.body).get('text')).toBe('café ✓');
    expect(seen[0]!.headers.authorization).toBe('Bearer xoxb-1');
    // Node's fetch would have said so (and asked for a compressed answer): the call went the lean way.
    expect(seen[0]!.headers['sec-fetch-mode']).toBeUndefined();
  });

  it('turns a 429 into a rate-limit error carrying Retry-After, and a platform error into its code', async () => {
    answer = (_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '7');
      res.end('{"ok":false,"error":"ratelimited"}');
    };
    const limited = await client()
      .chat.postMessage({ channel: 'U1', text: 'x' })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect((limited as InstanceType<typeof webApi.WebAPIRateLimitedError>).retryAfter).toBe(7);

    answer = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":false,"error":"channel_not_found"}');
    };
    await expect(client().chat.postMessage({ channel: 'U1', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });
});
