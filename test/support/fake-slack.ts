// A fake Slack Web API on a real local HTTP server: the methods Clause5 calls, in Slack's response
// shapes, recording every call. It refuses what Slack refuses (fake-slack-blocks.ts, and below:
// trigger_ids live 3 s, a response_url takes 5 uses within 30 minutes, a method needs its scope,
// text over 40,000 characters is msg_too_long), on its own clock (`now`, which a harness points at
// the test's MovableClock). Tests can make it answer 429 + Retry-After or an ok:false error on demand.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { uploadedBytes } from './fake-slack-files';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { checkMessage, checkView } from './fake-slack-blocks';
import { historyPage, readMetadata, type MessageMetadata } from './fake-slack-history';
import { MANIFEST_SCOPES, MAX_TEXT_LENGTH, requiredScope, RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_USES, TRIGGER_LIFETIME_MS } from './fake-slack-limits';

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  tz?: string;
  /** A Slack Connect user from another workspace, visible to this one (users.info names their own team). */
  teamId?: string;
}

export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** Channels the bot was invited to (others answer not_in_channel; unknown ids channel_not_found). */
  channels?: string[];
  users?: FakeUser[];
  /** The installation's bot scopes (default MANIFEST_SCOPES); a method outside them is missing_scope. */
  scopes?: string[];
}

export interface RecordedCall {
  method: string;
  team: string | undefined;
  args: Record<string, any>;
  /** 'ok', or the error Slack answered (e.g. 'ratelimited', 'invalid_blocks'). */
  outcome: string;
  problems?: string[];
}

export interface RecordedResponse {
  id: string;
  team: string;
  body: Record<string, any>;
  outcome: string;
  problems?: string[];
}

type Failure = { error: string } | { status: 429; retryAfter: number };

interface Rule {
  method: string;
  team?: string;
  failure: Failure;
  times: number;
}

interface StoredMessage {
  team: string;
  channel: string;
  ts: string;
  text: string;
  blocks: unknown;
  botId: string;
  /** The message metadata it was posted with (chat.postMessage `metadata`). */
  metadata?: MessageMetadata;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly uploads = new Map<string, { filename: string; content: string; team: string; bytes?: Buffer }>();
  readonly messages: StoredMessage[] = [];
  private readonly workspaces = new Map<string, FakeWorkspace>();
  private readonly rules: Rule[] = [];
  private readonly delays = new Map<string, number>();
  private readonly holds = new Map<string, Promise<void>>();
  private readonly triggers = new Map<string, { team: string; issuedAt: number; used: boolean }>();
  private readonly responseUrls = new Map<string, { team: string; issuedAt: number; uses: number }>();
  private readonly oauthCodes = new Map<string, { teamId: string; installer: string }>();
  private readonly server: Server;
  private seq = 0;
  origin = '';
  /** The fake's clock (trigger_id and response_url lifetimes); a harness sets it to the test clock. */
  now: () => number = Date.now;
  /**
   * Slack's rate limits, when a test or benchmark sets them: called for each Web API call that
   * would succeed; a number is the Retry-After (seconds) of a 429 answer instead.
   */
  limiter: ((method: string, team: string | undefined, args: Record<string, any>) => number | undefined) | undefined;

  constructor(
    readonly clientId = 'fake-client-id',
    readonly clientSecret = 'fake-client-secret',
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Base URL of the Web API (SLACK_API_URL). */
  get url(): string {
    return `${this.origin}/api/`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  addWorkspace(ws: FakeWorkspace): FakeWorkspace {
    this.workspaces.set(ws.teamId, { channels: [], users: [], scopes: MANIFEST_SCOPES, ...ws });
    return ws;
  }

  /** Changes what an installation was granted (a reinstall with other scopes). */
  setScopes(teamId: string, scopes: string[]): void {
    this.workspace(teamId).scopes = scopes;
  }

  addUser(teamId: string, user: FakeUser): void {
    this.workspace(teamId).users!.push(user);
  }

  /** A one-time trigger_id, as Slack puts in interaction payloads. */
  trigger(teamId: string): string {
    const id = `${++this.seq}.${Date.now()}.trg${this.seq}`;
    this.triggers.set(id, { team: teamId, issuedAt: this.now(), used: false });
    return id;
  }

  /** A response_url for one interaction. */
  responseUrl(teamId: string): string {
    const id = `R${++this.seq}`;
    this.responseUrls.set(id, { team: teamId, issuedAt: this.now(), uses: 0 });
    return `${this.origin}/respond/${id}`;
  }

  /** A code the OAuth redirect carries; oauth.v2.access exchanges it for the workspace's bot token. */
  oauthCode(teamId: string, installer = 'UINSTALLER'): string {
    const code = `code-${++this.seq}`;
    this.oauthCodes.set(code, { teamId, installer });
    return code;
  }

  /** The next `times` calls to `method` (in `team`, if given) fail this way. */
  fail(method: string, failure: Failure, times = 1, team?: string): void {
    this.rules.push({ method, failure, times, ...(team ? { team } : {}) });
  }

  clearFailures(): void {
    this.rules.length = 0;
  }

  /** Answers `method` only after `ms` (a slow Slack), until cleared with 0. */
  delay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** Answers `method` only once the returned release is called (a Slack slower than anything else). */
  hold(method: string): () => void {
    let release!: () => void;
    this.holds.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  callsTo(method: string, team?: string, outcome?: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (!team || c.team === team) && (!outcome || c.outcome === outcome));
  }

  /** Successful chat.postMessage calls to a channel or user id. */
  posted(channel: string, team?: string): RecordedCall[] {
    return this.callsTo('chat.postMessage', team, 'ok').filter((c) => c.args.channel === channel);
  }

  private workspace(teamId: string): FakeWorkspace {
    const ws = this.workspaces.get(teamId);
    if (!ws) throw new Error(`fake Slack: no workspace ${teamId}`);
    return ws;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readAll(req);
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (path.startsWith('/respond/')) return this.respond(path.slice('/respond/'.length), raw, res);
    if (path.startsWith('/upload/')) {
      const file = this.uploads.get(path.slice('/upload/'.length));
      if (file) file.content = uploadedContent(raw, String(req.headers['content-type'] ?? ''));
      if (file) file.bytes = uploadedBytes(raw, String(req.headers['content-type'] ?? ''));
      return send(res, file ? 200 : 404, file ? 'OK' : 'not found');
    }
    if (!path.startsWith('/api/')) return send(res, 404, 'not found');
    const method = path.slice('/api/'.length);
    const slow = this.delays.get(method);
    if (slow) await new Promise((resolve) => setTimeout(resolve, slow));
    await this.holds.get(method);
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || (args.token as string | undefined);
    const ws = [...this.workspaces.values()].find((w) => w.botToken === token);
    const team = ws?.teamId;
    const record = (outcome: string, problems?: string[]) => {
      const { token: _t, client_secret: _s, ...safe } = args;
      this.calls.push({ method, team, args: safe, outcome, ...(problems?.length ? { problems } : {}) });
    };
    const rule = this.rules.find((r) => r.method === method && r.times > 0 && (!r.team || r.team === team));
    if (rule) {
      rule.times -= 1;
      if ('status' in rule.failure) {
        record('ratelimited');
        res.setHeader('Retry-After', String(rule.failure.retryAfter));
        return send(res, 429, { ok: false, error: 'ratelimited' });
      }
      record(rule.failure.error);
      return send(res, 200, { ok: false, error: rule.failure.error });
    }
    const retryAfter = this.limiter?.(method, team, args);
    if (retryAfter !== undefined) {
      record('ratelimited');
      res.setHeader('Retry-After', String(retryAfter));
      return send(res, 429, { ok: false, error: 'ratelimited' });
    }
    if (method === 'oauth.v2.access') return this.oauthAccess(args, res, record);
    if (!ws) {
      record('invalid_auth');
      return send(res, 200, { ok: false, error: 'invalid_auth' });
    }
    const scope = requiredScope(method, args);
    const answer =
      scope && !ws.scopes!.includes(scope)
        ? { ok: false, error: 'missing_scope', needed: scope, provided: ws.scopes!.join(',') }
        : this.answer(method, ws, args);
    record(answer.ok ? 'ok' : String(answer.error), answer.problems as string[] | undefined);
    const { problems, ...body } = answer;
    return send(res, 200, problems ? { ...body, response_metadata: { messages: (problems as string[]).map((p) => `[ERROR] ${p}`) } } : body);
  }

  private answer(method: string, ws: FakeWorkspace, args: Record<string, any>): Record<string, unknown> {
    const fail = (error: string, problems?: string[]) => ({ ok: false, error, ...(problems ? { problems } : {}) });
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${ws.teamName.toLowerCase()}.slack.com/`,
          team: ws.teamName,
          user: 'clause5',
          team_id: ws.teamId,
          user_id: ws.botUserId,
          bot_id: ws.botId,
          is_enterprise_install: false,
        };
      case 'users.info': {
        const user = ws.users!.find((u) => u.id === args.user);
        if (!user) return fail('user_not_found');
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: user.teamId ?? ws.teamId,
            name: user.name,
            real_name: user.realName ?? user.name,
            tz: user.tz ?? 'America/Los_Angeles',
            deleted: false,
            is_bot: false,
            profile: { display_name: user.displayName ?? '', real_name: user.realName ?? user.name },
          },
        };
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const channel = this.resolveChannel(ws, String(args.channel ?? ''));
        if ('error' in channel) return fail(channel.error);
        if (method === 'chat.postEphemeral' && !ws.users!.some((u) => u.id === args.user)) return fail('user_not_in_channel');
        if (String(args.text ?? '').length > MAX_TEXT_LENGTH) return fail('msg_too_long');
        const problems = checkMessage(args);
        if (problems.length) return fail(problems[0]!.startsWith('no_text') ? 'no_text' : 'invalid_blocks', problems);
        const meta = readMetadata(args.metadata);
        if ('error' in meta) return fail(meta.error);
        const ts = this.ts();
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: ts };
        this.messages.push({ team: ws.teamId, channel: channel.id, ts, text: String(args.text ?? ''), blocks: args.blocks, botId: ws.botId, ...meta });
        return { ok: true, channel: channel.id, ts, message: { type: 'message', text: args.text, ts, bot_id: ws.botId } };
      }
      case 'chat.update': {
        const found = this.messages.find((m) => m.team === ws.teamId && m.channel === args.channel && m.ts === args.ts);
        if (!found) return fail('message_not_found');
        if (String(args.text ?? '').length > MAX_TEXT_LENGTH) return fail('msg_too_long');
        const problems = checkMessage(args);
        if (problems.length) return fail('invalid_blocks', problems);
        found.text = String(args.text ?? '');
        found.blocks = args.blocks;
        return { ok: true, channel: found.channel, ts: found.ts, text: found.text };
      }
      case 'conversations.open': {
        // One user: the DM channel with the bot (the same id chat.postMessage to that user answers).
        const users = String(args.users ?? '')
          .split(',')
          .filter(Boolean);
        if (users.length !== 1) return fail(users.length ? 'not_implemented' : 'users_list_not_supplied');
        const channel = this.resolveChannel(ws, users[0]!);
        if ('error' in channel) return fail('user_not_found');
        return { ok: true, channel: { id: channel.id } };
      }
      case 'conversations.history': {
        // Only a conversation id: a user id (or anything unknown) is channel_not_found, as in Slack.
        const id = String(args.channel ?? '');
        if (!/^[CGD]/.test(id)) return fail('channel_not_found');
        const channel = this.resolveChannel(ws, id);
        if ('error' in channel) return fail(channel.error);
        return historyPage(
          this.messages.filter((m) => m.team === ws.teamId),
          channel.id,
          args,
        );
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update': {
        if (method === 'views.open') {
          const trigger = this.triggers.get(String(args.trigger_id));
          if (!trigger || trigger.team !== ws.teamId) return fail('invalid_trigger_id');
          if (trigger.used) return fail('exchanged_trigger_id');
          if (this.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return fail('expired_trigger_id');
          trigger.used = true;
        }
        if (method === 'views.publish' && !ws.users!.some((u) => u.id === args.user_id)) return fail('user_not_found');
        const problems = checkView(args.view);
        if (problems.length)
          return fail(problems.some((p) => p.startsWith('blocks[') || p.startsWith('more than')) ? 'invalid_blocks' : 'invalid_arguments', problems);
        return { ok: true, view: { id: `V${++this.seq}`, hash: `h${this.seq}`, ...(args.view as object) } };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++this.seq}`;
        this.uploads.set(id, { filename: String(args.filename), content: '', team: ws.teamId });
        return { ok: true, upload_url: `${this.origin}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as Array<{ id: string; title?: string }>) ?? [];
        const channel = args.channel_id ? this.resolveChannel(ws, String(args.channel_id)) : undefined;
        if (channel && 'error' in channel) return fail(channel.error);
        if (files.some((f) => !this.uploads.has(f.id))) return fail('file_not_found');
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? this.uploads.get(f.id)!.filename })) };
      }
      default:
        return fail('unknown_method');
    }
  }

  /** User ids post into the bot's DM with them ('D' + user id); channels must have the bot in them. */
  private resolveChannel(ws: FakeWorkspace, id: string): { id: string } | { error: string } {
    if (/^[UW]/.test(id)) return ws.users!.some((u) => u.id === id) ? { id: `D${id}` } : { error: 'channel_not_found' };
    if (/^D/.test(id)) return ws.users!.some((u) => `D${u.id}` === id) ? { id } : { error: 'channel_not_found' };
    if (!/^[CG]/.test(id)) return { error: 'channel_not_found' };
    return ws.channels!.includes(id) ? { id } : { error: 'not_in_channel' };
  }

  private oauthAccess(args: Record<string, any>, res: ServerResponse, record: (o: string) => void): void {
    const grant = this.oauthCodes.get(String(args.code));
    if (args.client_id !== this.clientId || args.client_secret !== this.clientSecret) {
      record('invalid_client_id');
      return send(res, 200, { ok: false, error: 'invalid_client_id' });
    }
    if (!grant) {
      record('invalid_code');
      return send(res, 200, { ok: false, error: 'invalid_code' });
    }
    this.oauthCodes.delete(String(args.code));
    const ws = this.workspace(grant.teamId);
    record('ok');
    send(res, 200, {
      ok: true,
      app_id: 'A0CLAUSE5',
      authed_user: { id: grant.installer },
      scope: ws.scopes!.join(','),
      token_type: 'bot',
      access_token: ws.botToken,
      bot_user_id: ws.botUserId,
      team: { id: ws.teamId, name: ws.teamName },
      enterprise: null,
      is_enterprise_install: false,
    });
  }

  private respond(id: string, raw: Buffer, res: ServerResponse): void {
    const url = this.responseUrls.get(id);
    if (!url) return send(res, 404, 'invalid_url');
    const team = url.team;
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, any>;
    const refused = this.now() - url.issuedAt > RESPONSE_URL_LIFETIME_MS ? 'expired_url' : url.uses >= RESPONSE_URL_USES ? 'used_url' : undefined;
    if (refused) {
      this.responses.push({ id, team, body, outcome: refused });
      return send(res, 404, refused);
    }
    url.uses += 1;
    if (String(body.text ?? '').length > MAX_TEXT_LENGTH) {
      this.responses.push({ id, team, body, outcome: 'msg_too_long' });
      return send(res, 400, 'msg_too_long');
    }
    const problems = checkMessage(body);
    this.responses.push({ id, team, body, outcome: problems.length ? 'invalid_blocks' : 'ok', ...(problems.length ? { problems } : {}) });
    if (problems.length) return send(res, 400, 'invalid_blocks');
    send(res, 200, 'ok');
  }

  private ts(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }
}

function parseArgs(raw: Buffer, contentType: string): Record<string, any> {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) return JSON.parse(text || '{}') as Record<string, any>;
  const form = parseQuery(text) as Record<string, string>;
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(form)) {
    out[k] = typeof v === 'string' && /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return out;
}

/** The file bytes of an upload: the raw body, or the first part of a multipart form. */
function uploadedContent(raw: Buffer, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const text = raw.toString('utf8');
  if (!boundary) return text;
  const marker = `--${boundary[1] ?? boundary[2]}`;
  const part = text.split(marker).find((p) => p.includes('\r\n\r\n') && !p.startsWith('--'));
  if (!part) return '';
  return part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}
