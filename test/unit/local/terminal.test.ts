// The readline wrapper on plain streams: greeting and prompt, one line at a time, messages that
// arrive between inputs, and end of input closing the chat.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { note } from '../../../src/core/model';
import { LocalChat } from '../../../src/platforms/local/chat';
import { runTerminal } from '../../../src/platforms/local/terminal';
import { makeTestCore, type TestCore } from '../../support/core';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('terminal', () => {
  it('prints the greeting, answers lines in order, shows messages between inputs and closes at end of input', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await core.store.orgs.ensure({ id: 'local', platform: 'local', name: 'Demo' });
    await core.store.people.ensure({ id: 'local:ann', orgId: 'local', displayName: 'Ann', handle: 'ann', role: 'admin', joinedOn: '2026-01-01' }, null);
    await core.store.people.ensure({ id: 'local:bo', orgId: 'local', displayName: 'Bo', handle: 'bo', role: 'leader', joinedOn: '2026-01-01' }, null);
    const chat = new LocalChat({ bot: core.bot, store: core.store, local: core.local, clock: core.clock, tick: async () => undefined });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    let closed = 0;
    const terminal = await runTerminal(chat, { input, output, onClose: () => closed++ });
    expect(text).toContain('You are Ann (@ann, admin).');
    expect(text.endsWith('ann> ')).toBe(true);

    input.write('/as bo\n/clock\n');
    await new Promise((r) => setImmediate(r));
    await terminal.idle();
    expect(text).toContain('You are now Bo (@bo, leader).\nbo> Simulated time: Mon 2026-03-02 06:00 America/Chicago');

    await core.local.sendDirect('local', 'local:bo', note('Hello from the scheduler'));
    expect(text).toContain('#1 to Bo (DM) · Mon 2026-03-02 06:00 America/Chicago\n  Hello from the scheduler\n');

    input.end();
    await vi.waitFor(() => expect(closed).toBe(1), { timeout: 2_000, interval: 5 });
    await terminal.idle();
    terminal.close();
  });
});
