// The fake Slack Web API or the fake Bot Connector (test/support) in a process of its own, so it
// does not compete for the event loop of the process under test, optionally enforcing the
// platform's rate limits (limits.ts). A small control server beside it answers GET /stats (what
// the fake received, when each message was accepted) and POST /reset.
// Run: node --import tsx scripts/bench/fake-server.ts '<FakeServerOptions json>'; prints FAKE_READY {json}.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeConnector } from '../../test/support/fake-connector';
import { FakeSlack, type FakeWorkspace } from '../../test/support/fake-slack';
import { leaderUserId } from '../../test/support/pg-leaders';
import { slackUserOf } from './leaders';
import { exitWithParent } from './procs';
import { isMain } from './report';
import { slackLimiter, teamsLimiter, type LimitStats, type SlackLimits, type TeamsLimits } from './limits';

export interface FakeServerOptions {
  kind: 'slack' | 'teams';
  /** Slack: the workspace (users are added from `users`). */
  workspace?: Omit<FakeWorkspace, 'users'>;
  /** Slack user ids the workspace knows. */
  users?: string[];
  /** Slack: also the seeded leaders' user ids 1…userCount (leaders.ts). */
  userCount?: number;
  /** Slack: response_url values to create for slash commands. */
  responseUrls?: number;
  slackLimits?: SlackLimits;
  teamsLimits?: TeamsLimits;
  /** Teams: the seeded leaders' 1:1 chats (leaders.ts names them a:1chat-leader-1…), which Teams knows. */
  teamsChats?: number;
  /** Slack: more workspaces, each with `leaders` users named as test/support/pg-leaders.ts seeds them. */
  leaderWorkspaces?: Array<{ workspace: Omit<FakeWorkspace, 'users'>; leaders: number }>;
  /** Slack: answer every Web API call only after this long (an I/O-bound remote side). */
  delayMs?: number;
  /** Slack: also keep each accepted message's delivery key (metadata), for GET /stats. */
  keepKeys?: boolean;
}

export interface FakeStats {
  /** Calls by `method outcome` (Slack) or `op status` (Teams). */
  calls: Record<string, number>;
  /** Slack: message posts by the kind of channel they named ('user id', 'DM id', 'channel'). */
  postedTo: Record<string, number>;
  responses: number;
  limits?: LimitStats;
  /** With keepKeys: how many times each delivery key was posted. */
  keys?: Record<string, number>;
}

export const FAKE_PREFIX = 'FAKE_READY ';

/** The Web API methods a delayed fake Slack answers late (what the sender calls). */
const SLACK_METHODS = ['chat.postMessage', 'conversations.open', 'conversations.history', 'users.info', 'auth.test'];

async function main(options: FakeServerOptions): Promise<void> {
  exitWithParent();
  const counts: Record<string, number> = {};
  const postedTo: Record<string, number> = {};
  const keys: Record<string, number> = {};
  let responses = 0;
  let limitStats: LimitStats | undefined;
  let url: string;
  let responseUrls: string[] = [];
  let drain: () => void;

  if (options.kind === 'slack') {
    const fake = await new FakeSlack().start();
    const ws = options.workspace;
    if (ws) {
      const ids = [...(options.users ?? []), ...Array.from({ length: options.userCount ?? 0 }, (_, i) => slackUserOf(i + 1))];
      fake.addWorkspace({ ...ws, users: ids.map((id) => ({ id, name: id.toLowerCase(), realName: `Leader ${id}` })) });
      responseUrls = Array.from({ length: options.responseUrls ?? 0 }, () => fake.responseUrl(ws.teamId));
    }
    for (const { workspace, leaders } of options.leaderWorkspaces ?? []) {
      const users = Array.from({ length: leaders }, (_, i) => leaderUserId(workspace.teamId, i + 1));
      fake.addWorkspace({ ...workspace, users: users.map((id) => ({ id, name: id.toLowerCase() })) });
    }
    if (options.delayMs) for (const method of SLACK_METHODS) fake.delay(method, options.delayMs);
    if (options.slackLimits) {
      const { limiter, stats } = slackLimiter(options.slackLimits);
      fake.limiter = limiter;
      limitStats = stats;
    }
    // The fake records every call; keep counts and let the records go, so a long run stays small.
    drain = () => {
      for (const c of fake.calls) {
        const key = `${c.method} ${c.outcome}`;
        counts[key] = (counts[key] ?? 0) + 1;
        if (c.method === 'chat.postMessage' && c.outcome === 'ok') {
          const channel = String(c.args.channel ?? '');
          const kind = /^[UW]/.test(channel) ? 'user id' : /^D/.test(channel) ? 'DM id' : 'channel';
          postedTo[kind] = (postedTo[kind] ?? 0) + 1;
        }
      }
      fake.calls.length = 0;
      if (options.keepKeys) {
        for (const m of fake.messages) {
          const key = String(m.metadata?.event_payload.key ?? '');
          keys[key] = (keys[key] ?? 0) + 1;
        }
      }
      responses += fake.responses.length;
      fake.responses.length = 0;
      fake.messages.length = 0;
    };
    url = fake.url;
  } else {
    // The benchmarks run Teams without an app registration (no MICROSOFT_APP_ID: calls carry no token), as the Agents Playground does.
    const fake = await new FakeConnector({ allowAnonymous: true }).start();
    for (let i = 1; i <= (options.teamsChats ?? 0); i++) fake.addConversation(`a:1chat-leader-${i}`);
    if (options.teamsLimits) {
      const { limiter, stats } = teamsLimiter(options.teamsLimits);
      fake.limiter = limiter;
      limitStats = stats;
    }
    drain = () => {
      for (const c of fake.calls) {
        const key = `${c.op} ${c.status}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      fake.calls.length = 0;
      fake.activities.clear();
    };
    url = fake.url;
  }
  setInterval(() => drain(), 1000).unref();

  const control = createServer((req, res) => {
    drain();
    if (req.method === 'POST' && req.url === '/reset') {
      for (const k of Object.keys(counts)) delete counts[k];
      for (const k of Object.keys(postedTo)) delete postedTo[k];
      for (const k of Object.keys(keys)) delete keys[k];
      responses = 0;
      if (limitStats) Object.assign(limitStats, { accepted: 0, refused: 0, early: 0, acceptedAt: [] });
    }
    const stats: FakeStats = { calls: counts, postedTo, responses, ...(limitStats ? { limits: limitStats } : {}), ...(options.keepKeys ? { keys } : {}) };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stats));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
  process.stdout.write(`${FAKE_PREFIX}${JSON.stringify({ url, controlUrl, responseUrls })}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

export async function fakeStats(controlUrl: string, reset = false): Promise<FakeStats> {
  const res = await fetch(`${controlUrl}/${reset ? 'reset' : 'stats'}`, { method: reset ? 'POST' : 'GET' });
  return (await res.json()) as FakeStats;
}

if (isMain(import.meta.url)) {
  void main(JSON.parse(process.argv[2] ?? '{}') as FakeServerOptions);
}
