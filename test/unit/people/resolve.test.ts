// '@<person id>' mentions: only ids of the current organisation are accepted.
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundActor } from '../../../src/core/bot';
import { makeTestCore, type TestCore } from '../../support/core';
import { textOf } from './helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ANN = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

async function say(actor: InboundActor, text: string): Promise<string> {
  return textOf((await core.bot.handleCommand(actor, text)).message);
}

describe('resolving @ids', () => {
  it('refuses an id of another Slack workspace or platform with a clear message, storing nobody', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const admin: InboundActor = { orgId: 'slack:T123', platform: 'slack', personId: 'slack:T123:U1' };
    const foreign = await say(admin, 'away @slack:T999:U1 2026-12-01');
    expect(foreign).toContain('slack:T999:U1 is not someone in this Slack workspace — you can only mention people here.');
    expect(await say(admin, 'admin role @teams:x:y leader')).toContain('teams:x:y is not someone in this Slack workspace');
    expect(await say(admin, 'admin role @slack:T123:U1:extra leader')).toContain('is not someone in this Slack workspace');
    expect((await core.store.people.list('slack:T123')).map((p) => p.id)).toEqual(['slack:T123:U1']);
    expect(await say(admin, 'away @slack:T123:U1 2026-12-01')).toContain('You are away from 2026-12-01');
  });

  it('refuses a Teams id of another tenant, and finds a person of this tenant whatever the case', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const org = `teams:${TENANT}`;
    const admin: InboundActor = { orgId: org, platform: 'teams', personId: `${org}:${ANN}` };
    await say(admin, 'help');
    const other = await say(admin, `admin role @teams:11111111-2222-3333-4444-555555555555:${ANN} leader`);
    expect(other).toContain('is not someone in this Microsoft 365 organisation');
    expect((await core.store.people.list(org)).map((p) => p.id)).toEqual([`${org}:${ANN}`]);
    expect(await say(admin, `away @teams:${TENANT.toUpperCase()}:${ANN.toUpperCase()} 2026-12-01`)).toContain('You are away from 2026-12-01');
    expect((await core.store.away.list(org, `${org}:${ANN}`)).map((a) => a.fromDate)).toEqual(['2026-12-01']);
  });

  it('refuses a platform id in local mode', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await core.bot.handleCommand(core.as('local:ada'), 'help');
    expect(await say(core.as('local:ada'), 'admin role @slack:T1:U2 leader')).toContain('slack:T1:U2 is not someone in this organisation');
  });
});
