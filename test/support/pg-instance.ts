// One Clause5 instance on a shared PostgreSQL database, as a real process, for the instances
// benchmark: the PostgreSQL store, the real scheduler (ticker, pass under
// the shared pass lease, wake-up loop, sender with leases) and the real Slack platform's outbound
// side (Web API client, pacer, DM channels, sent-message lookup) against a fake Slack Web API.
// The floor-walk prompts are found by the real trigger source; their composer says the delivery's
// key (the fake's log is checked by that key, not by the prompt's wording).
// The benchmark's clock is set to a fixed fan-out (clockOffsetMs); the kill test
// (test/integration/scale-out-kill.test.ts) runs real `clause5 serve` processes instead.
// Usage: node --import tsx test/support/pg-instance.ts '<InstanceOptions json>'
// Prints `INSTANCE_OWNER <owner>` at once, `INSTANCE_STARTED` after the catch-up pass; SIGTERM stops
// it cleanly and prints `INSTANCE_SENT <n>`, the messages it sent.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCore } from '../../src/core/create';
import { walkPromptSource } from '../../src/core/floor-walks/walk-prompts';
import type { Logger, Store } from '../../src/core/ports';
import { SlackApi } from '../../src/platforms/slack/api';
import { SlackDmChannels } from '../../src/platforms/slack/dm-channels';
import { SlackInstallations } from '../../src/platforms/slack/installations';
import { Pacer } from '../../src/platforms/slack/pacer';
import { SlackPlatform } from '../../src/platforms/slack/platform';
import { createScheduler } from '../../src/scheduler/scheduler';
import { openPgDatabase } from '../../src/store/pg/db';
import { createPgPortedStore } from '../../src/store/pg/index';
import { createPgPlatformState } from '../../src/store/pg/platform-state';
import { type InstanceOptions, OWNER_PREFIX, SENT_PREFIX, STARTED_LINE } from './instance-process';
import { keyComposer } from './scheduler-fixtures';
import { SecretBox } from '../../src/store/secret-box';

/** Warnings and errors to stderr, one JSON line each (the parent shows them when something fails). */
function stderrLogger(bindings: object = {}): Logger {
  const write = (level: string) => (obj: object, msg?: string) => {
    const err = (obj as { err?: unknown }).err;
    const detail = err instanceof Error ? { err: err.message } : {};
    process.stderr.write(`${JSON.stringify({ level, msg, ...bindings, ...obj, ...detail })}\n`);
  };
  return { debug: () => {}, info: () => {}, warn: write('warn'), error: write('error'), child: (more) => stderrLogger({ ...bindings, ...more }) };
}

/** Several instances begin together once the benchmark creates this file. */
async function waitForFile(path: string): Promise<void> {
  while (!existsSync(path)) await sleep(5);
}

async function main(options: InstanceOptions): Promise<void> {
  const clock = { now: () => Date.now() + options.clockOffsetMs };
  const log = stderrLogger();
  const database = await openPgDatabase(options.url, { poolSize: options.poolSize ?? 10 });
  const store = createPgPortedStore(database, clock.now);
  const state = createPgPlatformState(database, clock.now, { box: new SecretBox(Buffer.from(options.secretKey, 'hex')) });
  const pacer = new Pacer({ now: clock.now, ...options.pacer });
  const api = new SlackApi({ slackApiUrl: options.slackApiUrl, installations: new SlackInstallations(state.slackInstallations), pacer, log });
  const platform = new SlackPlatform(api, new SlackDmChannels(state.slackDmChannels), log);
  // Counts what this instance sent (afterSend runs once the platform accepted a message).
  const composer = keyComposer('floorwalk_prompt');
  // The scheduler, the sender and the floor-walk source use ported repositories only.
  const core = createCore({ store: store as unknown as Store, clock, log, platform, settings: { defaultTimeZone: 'UTC', graceMs: 6 * 3_600_000 } });
  const scheduler = createScheduler({
    deps: core.deps,
    modules: [{ name: 'scale-out', sources: (deps) => [walkPromptSource(deps)], composers: () => [composer] }],
    leaseMs: options.leaseMs,
    concurrency: options.concurrency,
  });
  process.stdout.write(`${OWNER_PREFIX}${scheduler.owner}\n`);
  process.once('SIGTERM', () => {
    void scheduler
      .stop()
      .then(() => database.close())
      .then(() => process.stdout.write(`${SENT_PREFIX}${composer.afterSends.length}\n`))
      .finally(() => process.exit(0));
  });
  if (options.goFile) await waitForFile(options.goFile);
  await scheduler.start();
  process.stdout.write(`${STARTED_LINE}\n`);
}

main(JSON.parse(process.argv[2] ?? '{}') as InstanceOptions).catch((error: unknown) => {
  process.stderr.write(`instance failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
