// Talking points for opening a meeting with a quality update, drawn from the store at send time:
// recent wins, the leader's open follow-ups (overdue first and marked), active quality objectives.
import type { CoreDeps } from '../deps';
import type { Block, RichText } from '../model';
import type { Person } from '../people/types';
import { localDateOf } from '../time';
import { clip } from './format';

const WEEK_MS = 7 * 86_400_000;
const MAX_ITEMS = 4;

export const GENERIC_PROMPTS: readonly string[] = [
  'Share one quality number from last week (scrap, first-pass yield, complaints) and what it tells you.',
  'Thank someone who caught or fixed a problem before it reached the customer.',
  'Name one quality objective and how today’s work connects to it.',
];

function section(title: string, items: RichText[]): Block[] {
  return items.length
    ? [
        { type: 'text', text: [{ bold: title }] },
        { type: 'list', items },
      ]
    : [];
}

export async function talkingPoints(deps: CoreDeps, leader: Person, zone: string): Promise<Block[]> {
  const { store, clock } = deps;
  const now = clock.now();
  const today = localDateOf(now, zone);
  const siteOption = leader.siteId !== null ? { siteId: leader.siteId } : {};
  const [wins, followUps, objectives] = await Promise.all([
    store.wins.recent(leader.orgId, now - WEEK_MS, { ...siteOption, limit: MAX_ITEMS }),
    store.followUps.listOpenFor(leader.orgId, leader.id, MAX_ITEMS),
    store.objectives.listActive(leader.orgId),
  ]);

  const winItems: RichText[] = wins.map((w) => [clip(w.text, 160), ...(w.metric ? [` (${clip(w.metric, 40)})`] : [])]);
  const followUpItems: RichText[] = followUps.map((f) => {
    const owner: RichText = f.ownerId !== leader.id ? [' — ', { mention: f.ownerId }] : [];
    return f.dueDate < today
      ? [{ bold: `Overdue since ${f.dueDate}:` }, ' ', clip(f.text, 160), ...owner]
      : [clip(f.text, 160), ` — due ${f.dueDate}`, ...owner];
  });
  const objectiveItems: RichText[] = objectives.slice(0, MAX_ITEMS).map((o) => [{ bold: o.code }, ' — ', clip(o.title, 120)]);

  if (!winItems.length && !followUpItems.length && !objectiveItems.length) {
    return section(
      'Ideas for your quality update',
      GENERIC_PROMPTS.map((p) => [p]),
    );
  }
  return [
    ...section('Wins of the last 7 days to celebrate', winItems),
    ...section('Your open follow-ups', followUpItems),
    ...section('Quality objectives to connect to', objectiveItems),
  ];
}
