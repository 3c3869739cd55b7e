// One scheduler pass: ask every trigger source what fell due in (last pass, now], decide centrally
// what is suppressed (excused days, downtime beyond the grace window) and enqueue it all under the
// deliveries' unique key. The stored `last_pass_at` moves forward only after the enqueue, so a
// crash mid-pass repeats the window next time, and the repeat is harmless because keys repeat.
import type { CoreModule } from '../core/commands/types';
import type { NewDelivery, Trigger, TriggerSource } from '../core/deliveries';
import type { CoreDeps } from '../core/deps';
import { loadCalendar, type OwedCalendar } from '../core/people/calendar';
import { batchedReads } from '../core/people/calendar-batch';
import { zoneOf } from '../core/people/zone';
import type { Logger } from '../core/ports';
import { localDateOf } from '../core/time';
import { runDailyRetention } from './retention-job';

export const LAST_PASS_KEY = 'last_pass_at';
/** How far back a pass looks after a long downtime (older occurrences are not even recorded). */
export const MAX_LOOKBACK_MS = 7 * 86_400_000;
/** The window of the very first pass on a fresh database. */
export const FIRST_PASS_LOOKBACK_MS = 60_000;
/** A stored pass time at most this far ahead of `now` is another process's clock skew, not an error. */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const MISSED_REASON = 'missed: process was down beyond the grace window';

export interface PassContext {
  deps: CoreDeps;
  sources: TriggerSource[];
  log: Logger;
}

export interface PassResult {
  /** The window (from, to] this pass covered. */
  from: number;
  to: number;
  triggers: number;
  /** New rows (a repeated window adds none). */
  enqueued: number;
  /** Triggers recorded as skipped (excused or missed) in this pass, new or not. */
  skipped: number;
  /** Sources that threw; the window is repeated next pass. */
  failedSources: string[];
  advanced: boolean;
}

export function sourcesOf(modules: CoreModule[], deps: CoreDeps): TriggerSource[] {
  return modules.flatMap((m) => m.sources?.(deps) ?? []);
}

function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export async function runPass(ctx: PassContext, now: number): Promise<PassResult> {
  const { deps, log } = ctx;
  let stored = parseInstant(await deps.store.getState(LAST_PASS_KEY));
  if (stored !== undefined && stored > now + CLOCK_SKEW_MS) {
    // E.g. `tick --at <future>`, or local mode's moved clock, then a real-clock process on the same
    // file: waiting for the clock to catch up would enqueue nothing for days. Start again from now.
    log.error(
      { lastPassAt: new Date(stored).toISOString(), now: new Date(now).toISOString() },
      `the stored last pass time ${new Date(stored).toISOString()} is ahead of the clock; the scheduler starts again from now`,
    );
    stored = now - FIRST_PASS_LOOKBACK_MS;
    await deps.store.setState(LAST_PASS_KEY, String(stored));
  }
  const from = stored === undefined ? now - FIRST_PASS_LOOKBACK_MS : Math.max(stored, now - MAX_LOOKBACK_MS);
  const result: PassResult = { from, to: now, triggers: 0, enqueued: 0, skipped: 0, failedSources: [], advanced: false };
  if (from >= now) return result;

  const collected: Collected[] = [];
  for (const source of ctx.sources) {
    // Each source may walk thousands of leaders; let waiting requests in between sources.
    await breathe();
    try {
      const suppressible = source.suppressible === true;
      for (const trigger of await source.triggers(from, now)) if (isWellFormed(trigger, source, log)) collected.push({ trigger, suppressible });
    } catch (error) {
      result.failedSources.push(source.name);
      log.error({ err: error, source: source.name, from, to: now }, 'a trigger source failed; its window will be repeated');
    }
  }

  const decided = await suppress(deps, collected, log);
  const graceStart = now - deps.settings.graceMs;
  const rows: NewDelivery[] = decided.map((t) => (t.skipReason === undefined && t.dueAt < graceStart ? { ...t, skipReason: MISSED_REASON } : t));
  result.triggers = rows.length;
  result.skipped = rows.filter((r) => r.skipReason !== undefined).length;
  result.enqueued = await deps.store.deliveries.enqueue(rows);
  const missed = rows.filter((r) => r.skipReason === MISSED_REASON).length;
  if (missed > 0) {
    log.warn({ missed, graceMs: deps.settings.graceMs }, 'catch-up: occurrences older than the grace window recorded as skipped, not sent');
  }

  if (result.failedSources.length === 0) {
    // Re-read: another process may have advanced further meanwhile; never move it back.
    const latest = parseInstant(await deps.store.getState(LAST_PASS_KEY)) ?? 0;
    if (now > latest) await deps.store.setState(LAST_PASS_KEY, String(now));
    result.advanced = true;
  }
  if (result.enqueued > 0) log.debug({ ...result }, 'scheduler pass enqueued deliveries');
  // A side effect, not a delivery: nothing is sent. Its failure must not hold up the prompts.
  await runDailyRetention(deps, now, log).catch((err: unknown) => log.error({ err }, 'retention run failed; tried again next pass'));
  await refreshRollups(deps, now, log);
  return result;
}

/** Weeks of scorecard rollups each organisation may bring up to date per pass (each a few ms to tens of ms). */
const ROLLUP_WEEKS_PER_PASS = 4;

/** Counts stale weekly rollups ahead of the scorecards (newest weeks first), a few per pass. */
async function refreshRollups(deps: CoreDeps, now: number, log: Logger): Promise<void> {
  const refresh = deps.store.scorecard.refreshRollups?.bind(deps.store.scorecard);
  if (!refresh) return;
  for (const org of await deps.store.orgs.list()) {
    try {
      await refresh(org.id, deps.settings.defaultTimeZone, now, ROLLUP_WEEKS_PER_PASS);
    } catch (err) {
      log.error({ err, orgId: org.id }, 'scorecard rollups: could not count stale weeks; the scorecard counts them when read');
    }
    await breathe();
  }
}

/** Yields to the event loop (pending I/O runs) before carrying on. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A trigger and whether its source lets the scheduler excuse it. */
interface Collected {
  trigger: Trigger;
  suppressible: boolean;
}

function isWellFormed(t: Trigger, source: TriggerSource, log: Logger): boolean {
  const ok = typeof t.key === 'string' && t.key.length > 0 && Number.isFinite(t.dueAt) && typeof t.orgId === 'string';
  if (!ok) log.error({ source: source.name, key: t.key, dueAt: t.dueAt }, 'a trigger source returned a malformed trigger; ignored');
  return ok;
}

/**
 * Marks prompts that fall on a day the person does not owe as skipped, with the excuse. Calendars
 * are loaded once per person per pass, for the span of that person's triggers, from reads batched
 * per organisation (a pass may cover thousands of people).
 */
async function suppress(deps: CoreDeps, collected: Collected[], log: Logger): Promise<Trigger[]> {
  const triggers = collected.map((c) => c.trigger);
  const byPerson = new Map<string, number[]>();
  collected.forEach(({ trigger: t, suppressible }, i) => {
    if (!t.personId || t.skipReason !== undefined || !suppressible) return;
    const k = `${t.orgId}\u0000${t.personId}`;
    const list = byPerson.get(k);
    if (list) list.push(i);
    else byPerson.set(k, [i]);
  });
  const out = [...triggers];
  const reads = batchedReads(deps);
  const dateOf = memoDateOf();
  for (const indexes of byPerson.values()) {
    const first = triggers[indexes[0]!]!;
    const person = await reads.store.people.get(first.orgId, first.personId!);
    if (!person) {
      log.debug({ orgId: first.orgId, personId: first.personId }, 'trigger for a person not in the store; not suppressed');
      continue;
    }
    const zone = await zoneOf(reads, person);
    const dates = indexes.map((i) => dateOf(triggers[i]!.dueAt, zone));
    const sorted = [...dates].sort();
    const calendar: OwedCalendar = await loadCalendar(reads, person, sorted[0]!, sorted[sorted.length - 1]!);
    indexes.forEach((i, n) => {
      const excuse = calendar.excuse(dates[n]!);
      if (excuse) out[i] = { ...triggers[i]!, skipReason: `excused: ${excuse}` };
    });
  }
  return out;
}

/** localDateOf, remembered per (instant, zone): a pass's triggers share a few due instants. */
function memoDateOf(): (instant: number, zone: string) => string {
  const seen = new Map<string, string>();
  return (instant, zone) => {
    const key = `${instant}\u0000${zone}`;
    let date = seen.get(key);
    if (date === undefined) seen.set(key, (date = localDateOf(instant, zone)));
    return date;
  };
}
