import { unknownPersonText } from '../../../src/core/people/resolve';
import { afterEach, describe, expect, it } from 'vitest';
import type { FormValues, Reply } from '../../../src/core/model';
import type { TestCore } from '../../support/core';
import { runSql } from '../../support/sql';
import { LEADER, MEMBER, ORG, QM, replyText, walksCore } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

// Tuesday 24 November 2026, 09:00 in Chicago (ISO week 2026-W48).
const START = '2026-11-24T15:00:00Z';

function submit(values: FormValues, state = '{}', personId = LEADER): Promise<Reply> {
  return core.bot.handleFormSubmit(core.as(personId), 'floorwalk.log', values, state);
}

describe('floorwalk.log validation', () => {
  it('returns an error per field and stores nothing', async () => {
    ({ core } = await walksCore(START));
    const reply = await submit({
      area: '  ',
      date: '2026-11-25',
      followup1: 'Fix the guard',
      followup1Owner: '',
      followup1Due: '',
      followup2: '',
      followup2Owner: '@max',
      followup2Due: '2026-11-30',
      followup3: 'Check gauge',
      followup3Owner: '@nobody',
      followup3Due: '2026-11-20',
      tags: ['safety', 'bogus'],
    });
    expect(reply.message).toBeUndefined();
    expect(reply.formErrors).toEqual({
      area: 'Say which area you walked, e.g. “Line 3 assembly”.',
      date: "The walk date can't be in the future (today is 2026-11-24).",
      followup1Owner: 'Who owns follow-up action 1? Pick an owner.',
      followup1Due: 'When is follow-up action 1 due? Pick a date.',
      followup2: 'Describe follow-up action 2, or clear its owner and due date.',
      followup3Owner: unknownPersonText('nobody'),
      followup3Due: 'The due date 2026-11-20 is in the past — pick today (2026-11-24) or later.',
      tags: expect.stringContaining("I don't know the tag “bogus”"),
    });
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2026-W48')).toBe(false);
    expect(await core.store.followUps.countOpen(ORG)).toBe(0);
  });

  it('accepts a walk up to 30 days back and refuses one older or not a date', async () => {
    ({ core } = await walksCore(START));
    expect((await submit({ area: 'Dock', date: '2026-10-24' })).formErrors).toEqual({
      date: 'That is more than 30 days ago — log walks from 2026-10-25 on.',
    });
    expect((await submit({ area: 'Dock', date: '2026-02-30' })).formErrors?.date).toContain('is not a date');
    expect((await submit({ area: 'Dock', date: '2026-10-25' })).formErrors).toBeUndefined();
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2026-W43')).toBe(true);
  });
});

describe('floorwalk.log success', () => {
  it('stores the walk with its week, follow-ups and tags, and queues a message per owner', async () => {
    ({ core } = await walksCore(START));
    await runSql(core, `INSERT INTO objectives (org_id, code, title, created_at) VALUES ('local', 'OTD', 'On-time delivery', 0)`);
    const reply = await submit({
      area: 'Line 3 assembly',
      date: '2026-11-23',
      wentWell: 'Cells tidy',
      concerns: 'Guard worn on press 4',
      followup1: 'Replace guard',
      followup1Owner: MEMBER,
      followup1Due: '2026-11-27',
      followup2: 'Check torque tools',
      followup2Owner: '@quinn',
      followup2Due: '2026-11-24',
      tags: ['safety', 'otd'],
    });
    expect(reply.formErrors).toBeUndefined();
    const text = replyText(reply);
    expect(text).toContain('Area: Line 3 assembly');
    expect(text).toContain('Date: 2026-11-23 (2026-W48)');
    expect(text).toContain('Tags: #safety #OTD');
    expect(text).toContain('#1 Replace guard — @local:max · due 2026-11-27');
    const [walk] = await core.store.walks.list(ORG, LEADER, '2026-W48', '2026-W48');
    expect(walk).toMatchObject({
      area: 'Line 3 assembly',
      weekKey: '2026-W48',
      wentWell: 'Cells tidy',
      concerns: 'Guard worn on press 4',
      tags: ['safety', 'OTD'],
      source: 'adhoc',
    });
    const owned = await core.store.followUps.listOpenInOrg(ORG);
    expect(owned.map((f) => [f.ownerId, f.walkId, f.raisedBy])).toEqual([
      [QM, walk!.id, LEADER],
      [MEMBER, walk!.id, LEADER],
    ]);
    for (const f of owned) {
      expect(await core.store.deliveries.getByKey(`followup_assigned:${f.id}`)).toMatchObject({ personId: f.ownerId, kind: 'followup_assigned' });
    }
  });

  it('files a walk on Saturday 2 January 2027 under 2026-W53', async () => {
    ({ core } = await walksCore('2027-01-04T15:00:00Z'));
    await submit({ area: 'Boiler room', date: '2027-01-02' });
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2026-W53')).toBe(true);
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2027-W01')).toBe(false);
  });

  it('defaults the date to today in the leader’s zone', async () => {
    ({ core } = await walksCore('2026-11-25T03:00:00Z')); // 21:00 on the 24th in Chicago
    await submit({ area: 'Dock' });
    const [walk] = await core.store.walks.list(ORG, LEADER, '2026-W48', '2026-W48');
    expect(walk?.walkDate).toBe('2026-11-24');
  });

  it('answers the week’s open prompt “logged” and refuses a second submission from the same prompt', async () => {
    ({ core } = await walksCore(START));
    const prompt = await core.store.prompts.open({
      orgId: ORG,
      personId: LEADER,
      kind: 'floorwalk',
      subject: 'week:2026-W48',
      sentAt: Date.parse(START) - 3_600_000,
      messageRef: null,
    });
    const state = JSON.stringify({ p: prompt.id });
    await submit({ area: 'Dock', date: '2026-11-24' }, state);
    expect(await core.store.prompts.get(ORG, prompt.id)).toMatchObject({ status: 'answered', answer: 'logged', answeredAt: Date.parse(START) });
    const [walk] = await core.store.walks.list(ORG, LEADER, '2026-W48', '2026-W48');
    expect(walk?.source).toBe('prompt');
    const again = await submit({ area: 'Dock', date: '2026-11-24' }, state);
    expect(replyText(again)).toContain('You already logged a walk from this prompt — nothing new was recorded');
    expect(await core.store.walks.list(ORG, LEADER, '2026-W48', '2026-W48')).toHaveLength(1);
  });

  it('answers the prompt of the walk’s own week, not the one it was opened from', async () => {
    ({ core } = await walksCore(START));
    const thisWeek = await core.store.prompts.open({ orgId: ORG, personId: LEADER, kind: 'floorwalk', subject: 'week:2026-W48', sentAt: 1, messageRef: null });
    const lastWeek = await core.store.prompts.open({ orgId: ORG, personId: LEADER, kind: 'floorwalk', subject: 'week:2026-W47', sentAt: 1, messageRef: null });
    await submit({ area: 'Dock', date: '2026-11-20' }, JSON.stringify({ p: thisWeek.id }));
    expect((await core.store.prompts.get(ORG, lastWeek.id))?.answer).toBe('logged');
    expect((await core.store.prompts.get(ORG, thisWeek.id))?.status).toBe('open');
  });
});
