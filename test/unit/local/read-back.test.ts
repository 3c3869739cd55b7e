// Reading records back in the terminal: a long list prints a page, says which rows it shows of how
// many and how to type for the next; "… page 2" and the numbered Next button both give page 2.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalChat } from '../../../src/platforms/local/chat';
import type { TestCore } from '../../support/core';
import { LEADER, ORG, QM, walksCore } from '../floor-walks/support';

let core: TestCore;
afterEach(() => core?.cleanup());

async function chatWith57Walks(): Promise<LocalChat> {
  const w = await walksCore('2026-11-24T15:00:00Z');
  core = w.core;
  for (let i = 1; i <= 57; i++) {
    await core.store.walks.create(
      {
        orgId: ORG,
        personId: LEADER,
        area: `Area ${i}`,
        walkDate: '2026-11-20',
        weekKey: '2026-W47',
        wentWell: `note ${i}`,
        concerns: null,
        tags: [],
        source: 'adhoc',
      },
      [],
      LEADER,
    );
  }
  const chat = new LocalChat({ bot: core.bot, store: core.store, local: core.local, clock: core.clock, tick: (now) => w.scheduler.tick(now), personId: QM });
  await chat.start();
  return chat;
}

describe('read-back lists in the terminal', () => {
  it('prints the first page with how to see more; typing page 2 or pressing Next shows the next 20', async () => {
    const chat = await chatWith57Walks();
    const first = (await chat.input('floorwalk list all')).join('\n');
    expect(first).toContain('#57 2026-11-20 (2026-W47) · @Lee · Area 57 — Went well: note 57');
    expect(first).not.toContain('Area 37 ');
    expect(first).toContain('Showing 1–20 of 57 floor walks (page 1 of 3). Next page: /clause5 floorwalk list all page 2');
    expect(first).toContain('[r1.1 Next]');
    const typed = (await chat.input('floorwalk list all page 2')).join('\n');
    expect(typed).toContain('Area 37 ');
    expect(typed).toContain('Showing 21–40 of 57 floor walks (page 2 of 3).');
    const pressed = (await chat.input('r1.1')).join('\n');
    expect(pressed).toContain('r1 (updated)');
    expect(pressed).toContain('Showing 21–40 of 57 floor walks (page 2 of 3).');
    expect(pressed).toContain('[r1.1 Previous] [r1.2 Next]');
  });
});
