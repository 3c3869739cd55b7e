// Issue 10 item 5: a win counts for a leader when the leader posted it or it names the leader's team —
// by the team or by a person in it. Lee is a leader in Assembly (led by Ada); two wins name him.
import { afterEach, describe, expect, it } from 'vitest';
import { plainText } from '../../../src/core/model';
import { makeTestCore, type TestCore } from '../../support/core';
import { seeder } from '../scorecard/fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

const ADA = 'local:ada';
const LEE = 'local:lee';
const KIM = 'local:kim';
const QUINN = 'local:quinn';

async function winsLine(leader: string): Promise<string> {
  const reply = await core.bot.handleCommand(core.as(QUINN), `scorecard @${leader.split(':')[1]} 2026-11-23..2026-11-29`);
  const facts = reply.message!.blocks.flatMap((b) => (b.type === 'facts' ? b.facts : []));
  return plainText(facts.find((f) => f.label.startsWith('Wins'))!.value);
}

describe('wins credit the leader’s team, not only its lead', () => {
  it('counts wins naming a member of the team (the leader included) and wins of the team the leader is in', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const s = seeder(core);
    s.org();
    const site = s.site('Plant 1', 'America/Chicago');
    s.person({ id: ADA, name: 'Ada', siteId: site, joinedOn: '2026-01-01' });
    const assembly = s.team('Assembly', ADA);
    const welding = s.team('Welding', null);
    s.person({ id: LEE, name: 'Lee', siteId: site, teamId: assembly, joinedOn: '2026-01-01' });
    s.person({ id: KIM, name: 'Kim', role: 'member', siteId: site, teamId: assembly, joinedOn: '2026-01-01' });
    s.person({ id: QUINN, name: 'Quinn', role: 'quality_manager', siteId: site, joinedOn: '2026-01-01' });
    s.win(QUINN, '2026-11-24T15:00:00Z', null, [LEE]); // names Lee
    s.win(QUINN, '2026-11-25T15:00:00Z', welding, [KIM]); // names Kim, of Assembly
    s.win(QUINN, '2026-11-26T15:00:00Z', assembly); // the Assembly team
    s.win(QUINN, '2026-11-27T15:00:00Z', welding); // someone else's team: nobody's here
    expect(await winsLine(LEE)).toMatch(/^3 /);
    expect(await winsLine(ADA)).toMatch(/^3 /);
  });
});
