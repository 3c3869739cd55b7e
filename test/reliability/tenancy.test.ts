// Tenancy: 1,000 mixed requests across two Slack workspaces and a Teams tenant on one real server
// — reads (people, scorecards, wins, lists), writes (objectives, sites, teams) and attempts to name
// another organisation's people. Every name is marked with its organisation (Alpha, Bravo,
// Charlie), so a reply that shows another organisation's data is caught in the outbound traffic;
// every stored row is checked for ids of another organisation.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { FakeConnector } from '../support/fake-connector';
import { FakeSlack } from '../support/fake-slack';
import { SlackRequests } from '../support/slack-requests';
import { personalMessage, TENANT, teamsUser, type TeamsUser } from '../support/teams-activities';
import { orgScopedTables, withDb } from './support/db';
import { addToFake, SIGNING_SECRET, seedSlackPlant, slackEnv, type Plant } from './support/plant';
import { serve, sleep, until, type Clause5Process } from './support/process';
import { rng, runSeed } from './support/random';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs } from './support/secrets';

const LOGS = 'tenancy';
const TOTAL = 1_000;
const MARK = { A: 'Alpha', B: 'Bravo', C: 'Charlie' } as const;
type Org = keyof typeof MARK;

let fake: FakeSlack;
let connector: FakeConnector;
let dir: string;
let dbPath: string;
let plant: Plant;
let server: Clause5Process;
const charlies: TeamsUser[] = Array.from({ length: 10 }, (_, i) => teamsUser(`Charlie${i}`, 100 + i));

beforeAll(async () => {
  freshLogs(LOGS);
  fake = await new FakeSlack().start();
  connector = await new FakeConnector({ allowAnonymous: true }).start(); // the served bot has no credentials
  for (const c of charlies) connector.addConversation(c.chat); // their 1:1 chats with the bot exist in Teams
  dir = tempDir('clause5-tenancy-');
  dbPath = join(dir, 'clause5.db');
  plant = seedSlackPlant(dbPath, {
    workspaces: 2,
    leadersPer: 10,
    dueAt: Date.now() + 3 * 86_400_000,
    lastPassAt: Date.now(),
    prefix: 'TN',
    name: (w, i) => `${w === 0 ? MARK.A : MARK.B} ${i}`,
    admins: true,
  });
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

const READS = [
  'help',
  'me',
  'people',
  'scorecard',
  'wins',
  'wins month',
  'followups',
  'objective list',
  'admin site list',
  'admin team list',
  'away list',
  'admin digest list',
];

describe('1,000 mixed requests across three organisations', () => {
  it('neither read nor write anything of another organisation', { timeout: 90_000 }, async () => {
    const seed = runSeed();
    const random = rng(seed);
    const [wsA, wsB] = plant.workspaces as [NonNullable<Plant['workspaces'][0]>, NonNullable<Plant['workspaces'][0]>];
    const slackIds = { A: plant.leaders.filter((l) => l.teamId === wsA.teamId), B: plant.leaders.filter((l) => l.teamId === wsB.teamId) };
    const foreign = (org: Org): string[] => {
      const others: string[] = [];
      if (org !== 'A') others.push(`@${random.pick(slackIds.A).personId}`);
      if (org !== 'B') others.push(`@${random.pick(slackIds.B).personId}`);
      if (org !== 'C') others.push(`@teams:${TENANT}:${random.pick(charlies).aadObjectId}`);
      return others;
    };
    const commandFor = (org: Org, i: number, admin: boolean): string => {
      const roll = random.next();
      if (roll < 0.55 || !admin) {
        if (roll < 0.85) return random.pick(READS);
        const other = random.pick(foreign(org));
        return random.pick([`away list ${other}`, `scorecard ${other}`, `me ${other}`]);
      }
      if (roll < 0.7) return `objective add ${org}${i} "${MARK[org]} objective ${i}"`;
      if (roll < 0.8) return `admin site add "${MARK[org]} site ${i}" UTC`;
      if (roll < 0.9) return `admin team add "${MARK[org]} team ${i}"`;
      const other = random.pick(foreign(org));
      return random.pick([`admin role ${other} leader`, `admin person ${other} name "Hijacked ${i}"`, `admin digest add ${other}`]);
    };

    const slack = new SlackRequests(`${server.url}/slack/events`, SIGNING_SECRET, fake);
    const statuses = new Map<number, number>();
    const sent = { A: 0, B: 0, C: 0 };
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        const org: Org = i % 10 < 4 ? 'A' : i % 10 < 7 ? 'B' : 'C';
        sent[org]++;
        let status: number;
        if (org === 'C') {
          const user = i < 20 ? charlies[0]! : random.pick(charlies); // Charlie0 speaks first: the tenant's admin
          const res = await fetch(`${server.url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(personalMessage({ serviceUrl: connector.url, user, text: commandFor('C', i, user === charlies[0]) })),
          });
          await res.text();
          status = res.status;
        } else {
          const ws = org === 'A' ? wsA : wsB;
          const leader = random.chance(0.4) ? slackIds[org][0]! : random.pick(slackIds[org]);
          status = (await slack.command(ws, leader.userId, commandFor(org, i, leader === slackIds[org][0]))).status;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    // Let the work after the acks finish: replies stop arriving.
    let seen = -1;
    await until(
      async () => {
        const now = fake.responses.length + fake.calls.length + connector.calls.length;
        const stable = now === seen;
        seen = now;
        if (!stable) await sleep(500);
        return stable && fake.responses.length >= sent.A + sent.B;
      },
      60_000,
      'the replies',
    );
    figure(
      'tenancy',
      `tenancy seed ${seed}: ${JSON.stringify(sent)} requests, answers ${JSON.stringify(Object.fromEntries(statuses))}; ${fake.responses.length} Slack replies, ${connector.calls.length} connector calls`,
      { sent, slackReplies: fake.responses.length, connectorCalls: connector.calls.length },
    );
    expect(Object.fromEntries(statuses)).toEqual({ 200: TOTAL });

    // Outbound: every reply and call of an organisation shows only its own people's names (an id of
    // another organisation typed by the requester may be echoed back in "not someone here").
    const orgOfTeam = (team: string | undefined): Org | undefined => (team === wsA.teamId ? 'A' : team === wsB.teamId ? 'B' : undefined);
    const leaks: string[] = [];
    const check = (org: Org, where: string, text: string) => {
      for (const other of ['A', 'B', 'C'] as Org[]) {
        if (other === org) continue;
        if (text.includes(MARK[other])) leaks.push(`${where} of ${org} mentions ${MARK[other]}: ${text.slice(0, 200)}`);
      }
    };
    for (const r of fake.responses) check(orgOfTeam(r.team)!, 'a Slack reply', JSON.stringify(r.body));
    for (const c of fake.calls) {
      const org = orgOfTeam(c.team);
      if (!org) {
        leaks.push(`a Slack call without a known workspace token: ${c.method}`);
        continue;
      }
      check(org, `Slack ${c.method}`, JSON.stringify(c.args));
      const target = String(c.args.channel ?? c.args.user ?? c.args.user_id ?? '');
      if (/^[UW]/.test(target) && !target.startsWith(`U${c.team!.slice(1)}`))
        leaks.push(`Slack ${c.method} in ${c.team} to another workspace's user ${target}`);
    }
    for (const c of connector.calls) check('C', `Teams ${c.op}`, JSON.stringify(c.body ?? ''));
    expect(leaks.slice(0, 5)).toEqual([]);
    // The scan can see names: each organisation's own people do show up in its replies.
    expect(fake.responses.some((r) => orgOfTeam(r.team) === 'A' && JSON.stringify(r.body).includes(`${MARK.A} 1`))).toBe(true);
    expect(fake.responses.some((r) => orgOfTeam(r.team) === 'B' && JSON.stringify(r.body).includes(`${MARK.B} 1`))).toBe(true);
    expect(connector.calls.some((c) => JSON.stringify(c.body ?? '').includes(MARK.C))).toBe(true);

    // Stored: no row of one organisation holds an id of another (columns and JSON inside them).
    const idPattern = /slack:T[A-Z0-9]+|teams:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const crossRows: string[] = [];
    let scanned = 0;
    withDb(dbPath, (db) => {
      for (const table of orgScopedTables(dbPath)) {
        for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
          scanned++;
          for (const [column, value] of Object.entries(row)) {
            if (typeof value !== 'string') continue;
            for (const id of value.match(idPattern) ?? []) if (id !== row.org_id) crossRows.push(`${table}.${column} of ${String(row.org_id)} holds ${id}`);
          }
        }
      }
    });
    expect(crossRows.slice(0, 5)).toEqual([]);
    expect(scanned).toBeGreaterThan(200);
    figure(
      'tenancy-scan',
      `${leaks.length} replies or calls showing another organisation's names; ${crossRows.length} of ${scanned} stored rows holding another organisation's ids`,
      { leaks: leaks.length, crossRows: crossRows.length, scanned },
    );
    // Writes landed where they were asked for, and the attempts on other organisations' people changed nothing.
    const names = withDb(dbPath, (db) => db.prepare(`SELECT org_id, display_name FROM people`).all() as Array<{ org_id: string; display_name: string }>);
    expect(names.filter((p) => p.display_name.startsWith('Hijacked'))).toEqual([]);
    const objectives = withDb(dbPath, (db) => db.prepare(`SELECT org_id, title FROM objectives`).all() as Array<{ org_id: string; title: string }>);
    expect(objectives.length).toBeGreaterThan(0);
    for (const o of objectives) {
      const org: Org = o.org_id === `slack:${wsA.teamId}` ? 'A' : o.org_id === `slack:${wsB.teamId}` ? 'B' : 'C';
      expect(o.title.startsWith(MARK[org])).toBe(true);
    }
  });
});
