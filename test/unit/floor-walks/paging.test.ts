// Long lists come in pages: 57 walks are 3 pages of 20, 20 and 17; Next and Previous move between
// them, the last page has no Next, and every page says which rows it shows of how many.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, Reply } from '../../../src/core/model';
import type { TestCore } from '../../support/core';
import { button, buttonsOf, LEADER, messageText, ORG, OTHER_LEADER, press, QM, walksCore } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

async function seed57(): Promise<void> {
  ({ core } = await walksCore('2026-11-24T15:00:00Z'));
  for (let i = 1; i <= 57; i++) {
    const day = String(1 + (i % 20)).padStart(2, '0');
    const personId = i % 2 ? LEADER : OTHER_LEADER;
    await core.store.walks.create(
      {
        orgId: ORG,
        personId,
        area: `Area ${i}`,
        walkDate: `2026-11-${day}`,
        weekKey: 'ignored',
        wentWell: `note ${i}`,
        concerns: null,
        tags: [],
        source: 'adhoc',
      },
      [],
      personId,
    );
  }
}

/** The walk numbers listed on a page. */
function ids(message: Message | undefined): number[] {
  const list = message?.blocks.find((b) => b.type === 'list');
  if (list?.type !== 'list') return [];
  return list.items.map((item) => Number(/^#(\d+)$/.exec((item[0] as { bold: string }).bold)![1]));
}

function labels(message: Message | undefined): string[] {
  return buttonsOf(message).map((b) => b.label);
}

function shown(reply: Reply): Message {
  const page = reply.replaceOriginal;
  if (!page) throw new Error(`the button did not replace the page: ${JSON.stringify(reply)}`);
  return page;
}

describe('paging a long list', () => {
  it('splits 57 walks into pages of 20, 20 and 17 that Next and Previous move between', async () => {
    await seed57();
    const first = (await core.bot.handleCommand(core.as(QM), 'floorwalk list all')).message;
    expect(ids(first)).toHaveLength(20);
    expect(messageText(first)).toContain('Showing 1–20 of 57 floor walks (page 1 of 3). Next page: /clause5 floorwalk list all page 2');
    expect(labels(first)).toEqual(['Next']);

    const second = shown(await press(core, QM, button(first, 'Next')));
    expect(ids(second)).toHaveLength(20);
    expect(messageText(second)).toContain('Showing 21–40 of 57 floor walks (page 2 of 3). Next page: /clause5 floorwalk list all page 3');
    expect(labels(second)).toEqual(['Previous', 'Next']);

    const third = shown(await press(core, QM, button(second, 'Next')));
    expect(ids(third)).toHaveLength(17);
    expect(messageText(third)).toContain('Showing 41–57 of 57 floor walks (page 3 of 3).');
    expect(messageText(third)).not.toContain('Next page');
    expect(labels(third)).toEqual(['Previous']);

    const all = [...ids(first), ...ids(second), ...ids(third)];
    expect(new Set(all).size).toBe(57);
    const back = shown(await press(core, QM, button(third, 'Previous')));
    expect(ids(back)).toEqual(ids(second));
    expect(ids(shown(await press(core, QM, button(back, 'Previous'))))).toEqual(ids(first));
  });

  it('gives the same page when it is typed, and refuses a page past the end', async () => {
    await seed57();
    const first = (await core.bot.handleCommand(core.as(QM), 'floorwalk list all')).message;
    const third = shown(await press(core, QM, button(shown(await press(core, QM, button(first, 'Next'))), 'Next')));
    const typed = (await core.bot.handleCommand(core.as(QM), 'floorwalk list all page 3')).message;
    expect(ids(typed)).toEqual(ids(third));
    const past = (await core.bot.handleCommand(core.as(QM), 'floorwalk list all page 4')).message;
    expect(messageText(past)).toBe('There are only 3 pages of floor walks (57 in all); ask for page 1 to 3.');
  });

  it('shows the last page for a button past the end (the list shrank), and refuses a made-up or someone else’s button', async () => {
    await seed57();
    const first = (await core.bot.handleCommand(core.as(QM), 'floorwalk list all')).message;
    const next = button(first, 'Next');
    const stale = { ...next, value: next.value.replace('"p":2', '"p":9') };
    expect(messageText(shown(await press(core, QM, stale)))).toContain('Showing 41–57 of 57 floor walks (page 3 of 3).');
    const junk = await press(core, QM, { ...next, value: '{"q":{"from":"nope"},"p":2}' });
    expect(messageText(junk.message)).toBe('That button is out of date. Type the command again to see the list.');
    const leader = await press(core, LEADER, next);
    expect(leader.replaceOriginal).toBeUndefined();
    expect(messageText(leader.message)).toBe('Only a quality manager or an admin can use that button. Your role is leader.');
  });
});
