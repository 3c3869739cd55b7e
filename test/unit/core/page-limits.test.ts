// A full page of the longest rows the product allows still fits each platform whole: under Slack's
// 50 blocks and 3,000-character sections, and under the Teams card budget without being shortened.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, RichText } from '../../../src/core/model';
import { renderBlocks } from '../../../src/platforms/slack/render';
import { renderMessage } from '../../../src/platforms/teams/cards/render';
import { byteSize, CARD_BYTE_BUDGET, fitCard } from '../../../src/platforms/teams/cards/size';
import type { PersonRef } from '../../../src/platforms/teams/cards/render';
import type { TestCore } from '../../support/core';
import { ADMIN, LEADER, MEMBER, ORG, OTHER_LEADER, QM, walksCore } from '../floor-walks/support';

let core: TestCore;
afterEach(() => core?.cleanup());

const LONG = 'Replace the worn *guard* on press_4 & check <every> bolt. '.repeat(10).slice(0, 500);

function mentionsIn(message: Message): string[] {
  const spans: RichText = message.blocks.flatMap((b) => (b.type === 'list' ? b.items.flat() : b.type === 'text' || b.type === 'context' ? b.text : []));
  return [...new Set(spans.flatMap((s) => (typeof s === 'object' && 'mention' in s ? [s.mention] : [])))];
}

function fitsEverywhere(message: Message): void {
  const blocks = renderBlocks(message) as Array<{ type: string; text?: { text: string } }>;
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(blocks.some((b) => b.type === 'context' && JSON.stringify(b).includes('left out'))).toBe(false);
  for (const b of blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  const people = new Map<string, PersonRef>(
    mentionsIn(message).map((id, i) => [id, { name: `A Rather Long Person Name ${i}`, aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}` }]),
  );
  const card = renderMessage(message, { people });
  expect(byteSize(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
  expect(fitCard(card)).toBe(card); // not shortened
}

describe('a page of the longest rows', () => {
  it('follow-ups with 500-character texts', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const owners = [LEADER, OTHER_LEADER, MEMBER, QM, ADMIN];
    for (let i = 0; i < 25; i++)
      await core.store.followUps.create({ orgId: ORG, raisedBy: owners[(i + 1) % 5]!, ownerId: owners[i % 5]!, text: LONG, dueDate: '2026-11-02' }, QM);
    const page = (await core.bot.handleCommand(core.as(QM), 'followups all overdue')).message!;
    expect(page.blocks.find((b) => b.type === 'list')).toMatchObject({ items: { length: 20 } });
    fitsEverywhere(page);
  });

  it('wins naming 20 people with 500-character texts, a metric and tags', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const people = [];
    for (let i = 0; i < 20; i++) {
      const id = `local:p${i}`;
      await core.store.people.ensure({ id, orgId: ORG, displayName: `Person ${i}`, handle: `p${i}`, role: 'member', joinedOn: '2025-01-01' }, null);
      people.push(id);
    }
    for (let i = 0; i < 25; i++) {
      await core.store.wins.create(
        {
          orgId: ORG,
          siteId: null,
          teamId: null,
          postedBy: LEADER,
          text: LONG,
          tags: ['defect-reduction', 'customer', 'safety', 'cost', '5S'],
          metric: 'm'.repeat(60),
          postedAt: Date.parse('2026-11-23T16:00:00Z') + i,
          people,
        },
        LEADER,
      );
    }
    const page = (await core.bot.handleCommand(core.as(MEMBER), 'wins')).message!;
    expect(JSON.stringify(page)).toContain('and 15 others: ');
    fitsEverywhere(page);
  });

  it('floor walks with 200-character areas, long notes and many tags', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    for (let i = 0; i < 25; i++) {
      await core.store.walks.create(
        {
          orgId: ORG,
          personId: LEADER,
          area: 'A'.repeat(200),
          walkDate: '2026-11-20',
          weekKey: '2026-W47',
          wentWell: LONG.repeat(4),
          concerns: LONG.repeat(4),
          tags: ['defect-reduction', 'customer', 'safety', 'cost', '5S'],
          source: 'adhoc',
        },
        [],
        LEADER,
      );
    }
    fitsEverywhere((await core.bot.handleCommand(core.as(QM), 'floorwalk list all')).message!);
  });

  it('custom prompt answers with 1,000-character notes and 300-character reasons, recorded for each leader', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const people: string[] = [];
    for (let i = 0; i < 25; i++) {
      const id = `local:l${i}`;
      await core.store.people.ensure(
        { id, orgId: ORG, displayName: `Leader ${i} ${'N'.repeat(60)}`, handle: `l${i}`, role: 'leader', joinedOn: '2025-01-01' },
        null,
      );
      people.push(id);
    }
    const prompt = await core.store.customPrompts.create({
      orgId: ORG,
      question: `Q${'q'.repeat(299)}`,
      cadence: { every: 'week', on: { weekday: 1 }, time: '09:00' },
      audience: { kind: 'people', personIds: people },
      answers: ['a'.repeat(40), 'b'.repeat(40)],
      checklist: [],
      clauses: ['5.1.2'],
      weight: null,
      createdBy: QM,
    });
    for (const personId of people) {
      const asked = await core.store.prompts.open({
        orgId: ORG,
        personId,
        kind: 'custom',
        subject: `custom:${prompt.id}:2026-W48`,
        sentAt: core.clock.now(),
        messageRef: null,
      });
      await core.store.customPrompts.record(ORG, asked.id, {
        answer: 'a'.repeat(40),
        items: [],
        note: LONG.repeat(2),
        outcome: 'done',
        answeredBy: QM,
        answeredAt: core.clock.now(),
        reason: 'R'.repeat(300),
      });
    }
    const page = (await core.bot.handleCommand(core.as(QM), `prompt answers ${prompt.id}`)).message!;
    expect(page.blocks.find((b) => b.type === 'list')).toMatchObject({ items: { length: 20 } });
    fitsEverywhere(page);
  });
});
