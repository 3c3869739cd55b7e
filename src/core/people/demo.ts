// The demo plant for local mode: one site, five leaders, a quality manager, an admin, two teams,
// three quality objectives, floor-walk slots, meetings and a couple of wins — so that a first-time
// user sees every feature without typing a roster. Meetings and wins go through the bot's own
// commands, exactly as a person would add them. Seeds only an empty local organisation.
import { Bot, type InboundActor } from '../bot';
import type { CoreDeps } from '../deps';
import { coreModules } from '../modules';
import { plainText } from '../model';
import { localDateOf } from '../time';
import { ensureLeaderSchedule } from './leader';
import type { Role } from './types';

export const DEMO_ORG = 'local';
export const DEMO_SITE = 'Riverside Plant';

export interface DemoResult {
  created: boolean;
  /** What could not be added (e.g. a command another area does not offer yet), in words. */
  notes: string[];
}

interface DemoPerson {
  handle: string;
  name: string;
  role: Role;
  team?: 'Assembly' | 'Machining';
  walk?: { weekday: number; time: string };
}

const PEOPLE: DemoPerson[] = [
  { handle: 'ada', name: 'Ada Brooks', role: 'admin' },
  { handle: 'quinn', name: 'Quinn Murphy', role: 'quality_manager' },
  { handle: 'maria', name: 'Maria Lopez', role: 'leader' }, // plant manager
  { handle: 'dev', name: 'Dev Patel', role: 'leader', team: 'Assembly', walk: { weekday: 4, time: '10:00' } },
  { handle: 'sam', name: 'Sam Okafor', role: 'leader', team: 'Machining' },
  { handle: 'lee', name: 'Lee Chen', role: 'leader', team: 'Assembly', walk: { weekday: 3, time: '15:00' } },
  { handle: 'priya', name: 'Priya Nair', role: 'leader', team: 'Machining' },
  { handle: 'jo', name: 'Jo Rivera', role: 'member', team: 'Assembly' },
  { handle: 'kim', name: 'Kim Novak', role: 'member', team: 'Machining' },
];

const MEETINGS = [
  'meeting add "Plant morning meeting" weekdays 07:30 @maria',
  'meeting add "Assembly shift start" weekdays 06:45 @dev',
  'meeting add "Machining daily" weekdays 07:00 @sam',
  'meeting add "Second shift huddle" weekdays 15:30 @lee',
  'meeting add "Weekly quality review" tue 10:00 @priya',
];

const WINS: Array<{ as: string; text: string }> = [
  {
    as: 'dev',
    text: 'win @jo @lee Line 2 changeover down from 45 to 25 minutes with the new quick-release fixtures #cost #OTD metric "changeover −44 %" team "Assembly"',
  },
  {
    as: 'sam',
    text: 'win @kim Zero scrap on the valve-body run all week after adding a first-piece gauge check #SCRAP #defect-reduction metric "scrap −12 %" team "Machining"',
  },
];

const OBJECTIVES = [
  { code: 'OTD', title: 'On-time delivery at or above 98 %', customerFocus: false },
  { code: 'SCRAP', title: 'Scrap rate below 1.5 % of output', customerFocus: false },
  { code: 'CUST', title: 'Halve customer complaints this year', customerFocus: true },
];

/** Two custom leadership prompts beyond clause 5.1: customer focus monthly, risks quarterly. */
const PROMPTS = [
  'prompt add "Did you review last month\'s customer complaints and on-time delivery with your team?" monthly day 3 09:00 for leaders answers yes,no,"not applicable" clause 5.1.2 weight 10',
  'prompt add "Quarterly risk and opportunity review" quarterly first monday 10:00 for leaders checklist "Risks reviewed with the team","Each action has an owner and a date","Last quarter\'s actions checked" clause 6.1,9.3',
];

export async function seedDemo(deps: CoreDeps): Promise<DemoResult> {
  const { store } = deps;
  if ((await store.people.count(DEMO_ORG)) > 0) return { created: false, notes: [] };
  const notes: string[] = [];
  const org = await store.orgs.ensure({ id: DEMO_ORG, platform: 'local', name: 'Demo plant' });
  const zone = deps.settings.defaultTimeZone;
  const site =
    (await store.sites.findByName(org.id, DEMO_SITE)) ??
    (await store.sites.create({ orgId: org.id, name: DEMO_SITE, timeZone: zone, workDays: [1, 2, 3, 4, 5], winsChannel: 'riverside-wins' }, null));
  const today = localDateOf(deps.clock.now(), site.timeZone);

  for (const p of PEOPLE) {
    await store.people.ensure(
      { id: `local:${p.handle}`, orgId: org.id, displayName: p.name, handle: p.handle, role: p.role, siteId: site.id, joinedOn: today },
      null,
    );
  }
  const teams = [
    { name: 'Assembly', leaderId: 'local:dev', channel: 'assembly' },
    { name: 'Machining', leaderId: 'local:sam', channel: null },
  ];
  for (const t of teams) {
    const team = (await store.teams.findByName(org.id, t.name)) ?? (await store.teams.create({ orgId: org.id, siteId: site.id, ...t }, null));
    for (const p of PEOPLE.filter((q) => q.team === t.name)) {
      await store.people.update(org.id, `local:${p.handle}`, { teamId: team.id }, null);
    }
  }
  for (const p of PEOPLE.filter((q) => q.role === 'leader')) {
    await ensureLeaderSchedule(deps, org, `local:${p.handle}`, null, p.walk);
  }
  for (const o of OBJECTIVES) {
    if (!(await store.objectives.findByCode(org.id, o.code))) await store.objectives.create({ orgId: org.id, ...o }, null);
  }
  await store.digest.add(org.id, 'local:quinn', null);
  await store.digest.add(org.id, 'local:ada', null);

  const bot = new Bot(deps, coreModules);
  const as = (handle: string): InboundActor => ({ orgId: org.id, platform: 'local', personId: `local:${handle}` });
  for (const command of MEETINGS) {
    const leader = `local:${/@(\w+)/.exec(command)![1]}`;
    const before = await countMeetings(deps, leader);
    const reply = await bot.handleCommand(as('ada'), command);
    if (before === undefined || (await countMeetings(deps, leader)) !== before + 1) {
      notes.push(`could not add “${command}”: ${reply.message ? plainText(reply.message.blocks.flatMap((b) => ('text' in b ? b.text : []))) : 'no reply'}`);
    }
  }
  for (const command of PROMPTS) {
    const before = (await store.customPrompts.list(org.id)).length;
    const reply = await bot.handleCommand(as('quinn'), command);
    if ((await store.customPrompts.list(org.id)).length !== before + 1) notes.push(`could not add “${command}”: ${reply.message?.summary ?? 'no reply'}`);
  }
  for (const win of WINS) {
    const before = (await store.wins.recent(org.id, 0, { limit: 100 })).length;
    const reply = await bot.handleCommand(as(win.as), win.text);
    if ((await store.wins.recent(org.id, 0, { limit: 100 })).length !== before + 1) {
      notes.push(`could not post “${win.text}”: ${reply.message?.summary ?? 'no reply'}`);
    }
  }
  for (const note of notes) deps.log.warn({ note }, 'demo plant: something could not be added');
  return { created: true, notes };
}

async function countMeetings(deps: CoreDeps, personId: string): Promise<number | undefined> {
  try {
    return (await deps.store.meetings.list(DEMO_ORG, personId)).length;
  } catch {
    return undefined;
  }
}
