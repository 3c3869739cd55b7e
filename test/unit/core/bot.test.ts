import { afterEach, describe, expect, it } from 'vitest';
import { plainText } from '../../../src/core/model';
import { makeTestCore, type TestCore } from '../../support/core';

let core: TestCore;
afterEach(() => core?.cleanup());

function textOf(reply: { message?: { blocks: Array<{ type: string; text?: unknown }> } }): string {
  return (reply.message?.blocks ?? []).map((b) => ('text' in b && Array.isArray(b.text) ? plainText(b.text) : JSON.stringify(b))).join('\n');
}

describe('the bot front desk', () => {
  it('stores a new organisation and makes its first person admin, the second a member', async () => {
    core = makeTestCore();
    await core.bot.handleCommand(core.as('local:ann'), 'help');
    await core.bot.handleCommand(core.as('local:bob'), 'help');
    expect((await core.store.people.get('local', 'local:ann'))?.role).toBe('admin');
    expect((await core.store.people.get('local', 'local:bob'))?.role).toBe('member');
    const history = await core.store.audit.history('local', 'person', 'local:ann');
    expect(history.map((h) => h.action)).toEqual(['create']);
  });

  it('with a known installer, makes only the installer admin, and nobody once the organisation has an admin', async () => {
    core = makeTestCore();
    const installer = async () => 'local:boss';
    await core.bot.handleCommand({ ...core.as('local:eve'), installer }, 'help');
    await core.bot.handleCommand({ ...core.as('local:boss'), installer }, 'help');
    await core.bot.handleCommand(core.as('local:cy'), 'help');
    expect((await core.store.people.get('local', 'local:eve'))?.role).toBe('member');
    expect((await core.store.people.get('local', 'local:boss'))?.role).toBe('admin');
    expect((await core.store.people.get('local', 'local:cy'))?.role).toBe('member');
  });

  it("answers a bare command group, or an unknown sub-command, with that group's help", async () => {
    core = makeTestCore();
    const say = async (person: string, text: string) => textOf(await core.bot.handleCommand(core.as(person), text));
    const meeting = await say('local:ann', 'meeting');
    expect(meeting).toContain('/clause5 meeting add');
    expect(meeting).not.toContain('/clause5 floorwalk');
    expect(meeting).not.toContain("I don't know the command");

    const frob = await say('local:ann', 'meeting frob now');
    expect(frob.split('\n')[0]).toBe("“meeting frob” isn't a command; here are the meeting commands:");
    expect(frob).toContain('/clause5 meeting list');

    const site = await say('local:ann', 'admin site');
    expect(site).toContain('/clause5 admin site add');
    expect(site).not.toContain('/clause5 admin role');
    expect((await say('local:ann', 'admin site rename')).split('\n')[0]).toBe("“admin site rename” isn't a command; here are the admin site commands:");

    // A member sees none of the admin commands: told so, not shown an empty list.
    expect(await say('local:bob', 'admin')).toBe('Only a quality manager or an admin can use the /clause5 admin commands. Your role is member.');
  });

  it('answers an unknown command with a specific message', async () => {
    core = makeTestCore();
    const reply = await core.bot.handleCommand(core.as('local:ann'), '/clause5 frobnicate now');
    expect(textOf(reply)).toContain("I don't know the command “frobnicate”");
  });

  it('reports an unclosed quote instead of guessing', async () => {
    core = makeTestCore();
    const reply = await core.bot.handleCommand(core.as('local:ann'), 'meeting add "Line 3 daily weekdays 07:30');
    expect(textOf(reply)).toContain('never closed');
  });
});
