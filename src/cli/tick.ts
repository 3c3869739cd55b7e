// `clause5 tick --at <ISO time>`: one scheduler pass at that instant, then send what is due through
// whatever platforms are configured, print what was enqueued and sent, and exit.
import type { Config } from '../config';
import { MovableClock } from '../core/clock';
import type { Store } from '../core/ports';
import { CLOCK_SKEW_MS, LAST_PASS_KEY } from '../scheduler/pass';
import { liveServer } from '../scheduler/server-presence';
import type { LocalMessage } from '../platforms/local/platform';
import { renderMessage } from '../platforms/text-render';
import { UsageError } from './args';
import { cliLogger, withRuntime } from './context';
import type { CliIO } from './io';
import type { DeliveryReportRow as Row } from '../store/open';

/** Accepts an ISO date-time with 'Z' or an offset; a time without a zone would depend on this machine's. */
export function parseInstant(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`tick: --at needs an ISO date-time with a zone, such as 2026-11-23T13:00:00Z or 2026-11-23T07:00-06:00 (got “${value}”).`);
  }
  return Date.parse(value);
}

export async function tickCommand(config: Readonly<Config>, at: number, io: CliIO, realNow = Date.now(), options: { force?: boolean } = {}): Promise<number> {
  if (at > realNow + CLOCK_SKEW_MS) {
    io.err(
      `Warning: --at ${new Date(at).toISOString()} is ahead of the real clock (${new Date(realNow).toISOString()}). ` +
        'The stored last pass time moves ahead with it; a scheduler on the real clock (clause5 serve) will log an error ' +
        'and start again from its own time, and occurrences between its last pass and then are not sent.',
    );
  }
  const clock = new MovableClock(at);
  return withRuntime(config, { clock, platforms: true, log: cliLogger(config, io) }, async (runtime) => {
    const refusal = await refusalOf(runtime.store, at, realNow, options.force === true);
    if (refusal) {
      io.err(refusal);
      return 2;
    }
    const mark = await runtime.store.admin.deliveryMark();
    const localSent: LocalMessage[] = [];
    const off = runtime.local.onMessage((m) => localSent.push(m));
    const pass = await runtime.scheduler.runPass(at);
    const drain = await runtime.scheduler.drain(at);
    off();

    const rows = await runtime.store.admin.deliveriesSince(mark);
    const names = await nameLookup(runtime.store, rows);
    const describe = (r: Row) =>
      `#${r.id} ${r.kind} → ${r.personId ? (names.get(r.personId) ?? r.personId) : r.channel} (due ${new Date(r.dueAt).toISOString()})`;

    io.out(`Scheduler pass at ${new Date(at).toISOString()} (window ${new Date(pass.from).toISOString()} → ${new Date(pass.to).toISOString()})`);
    if (pass.failedSources.length) io.out(`  Sources that failed (repeated next pass): ${pass.failedSources.join(', ')}`);
    const fresh = rows.filter((r) => r.id > mark.maxId);
    io.out(`Enqueued ${fresh.length}:`);
    for (const r of fresh) io.out(`  ${describe(r)}${r.status === 'skipped' ? ` — skipped: ${r.lastError ?? ''}` : ''}`);
    const sent = rows.filter((r) => r.status === 'sent');
    io.out(`Sent ${sent.length}:`);
    for (const r of sent) io.out(`  ${describe(r)}`);
    for (const m of localSent) {
      io.out(`  local #${m.seq} ${m.to.startsWith('#') ? `in ${m.to}` : `to ${names.get(m.to) ?? m.to}`}:`);
      for (const line of renderMessage(m.message, { names: (id) => names.get(id) })) io.out(`    ${line}`);
    }
    const waiting = rows.filter((r) => r.status === 'pending' || r.status === 'sending');
    if (waiting.length) {
      io.out(`Still waiting ${waiting.length} (due later or retrying):`);
      for (const r of waiting) io.out(`  ${describe(r)}${r.lastError ? ` — last error: ${r.lastError}` : ''}`);
    }
    const failed = rows.filter((r) => r.status === 'failed');
    if (failed.length) {
      io.out(`Failed ${failed.length}:`);
      for (const r of failed) io.out(`  ${describe(r)} — ${r.lastError ?? 'unknown error'}`);
    }
    io.out(`Summary: ${pass.enqueued} enqueued, ${pass.skipped} skipped, ${drain.sent} sent, ${drain.retried} to retry, ${drain.failed} failed.`);
    return drain.failed > 0 ? 1 : 0;
  });
}

/** Why this tick must not run: a live `serve` on the same database, or --at before the last pass. */
async function refusalOf(store: Store, at: number, realNow: number, force: boolean): Promise<string | undefined> {
  const server = await liveServer(store, realNow);
  if (server) {
    return (
      `tick refused: clause5 serve is running on this database (process ${server.owner}, heartbeat ` +
      `${Math.round((realNow - server.at) / 1000)} s ago). Its scheduler sends what is due; a tick here would send prompts ` +
      'its chat never shows. Stop the server first, or let it do the work.'
    );
  }
  const last = Number(await store.getState(LAST_PASS_KEY));
  if (Number.isFinite(last) && last > at && !force) {
    return (
      `tick refused: --at ${new Date(at).toISOString()} is before the stored last pass ${new Date(last).toISOString()}. ` +
      'A pass there would only send what is due then, with the clock of that time. Add --force to run it anyway (the stored last pass never moves back).'
    );
  }
  return undefined;
}

async function nameLookup(store: Store, rows: Row[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const orgId of new Set(rows.map((r) => r.orgId))) {
    for (const p of await store.people.list(orgId)) names.set(p.id, p.displayName);
  }
  return names;
}
