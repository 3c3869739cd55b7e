// How long the event loop stalls while scorecards are computed: org scorecards back to back for a
// few seconds, beside a stream of small writes (the kind an inbound event makes: one
// processed-event row each), with perf_hooks.monitorEventLoopDelay sampling every millisecond.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildScorecard } from '../../src/core/scorecard/build';
import type { GeneratedOrg } from './generate-org';
import type { BenchCore, Scenario } from './scorecard-setup';

export interface LoopResult {
  p99: number;
  max: number;
  scorecards: number;
  writesPerSecond: number;
}

const WRITE_EVERY_MS = 2;

export async function measureEventLoop(bench: BenchCore, org: GeneratedOrg, s: Scenario, durationMs: number): Promise<LoopResult> {
  const request = { orgId: org.orgId, target: s.target, period: s.period };
  await buildScorecard(bench.core.deps, request); // warm: workers started, statements prepared
  let writes = 0;
  const prefix = `bench-loop:${Date.now()}:`;
  const writer = setInterval(() => {
    void bench.store.markProcessed(`${prefix}${writes++}`, org.orgId);
  }, WRITE_EVERY_MS);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  let scorecards = 0;
  while (performance.now() - started < durationMs) {
    await buildScorecard(bench.core.deps, request);
    scorecards++;
    // Let timers run between scorecards, as they would between requests (an inline scorecard
    // otherwise never yields, and its stall would go unmeasured).
    await new Promise((resolve) => setImmediate(resolve));
  }
  delay.disable();
  clearInterval(writer);
  const elapsed = performance.now() - started;
  bench.store.database.sqlite.prepare('DELETE FROM processed_events WHERE key LIKE ?').run(`${prefix}%`);
  return {
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
    scorecards,
    writesPerSecond: Math.round((writes / elapsed) * 1000),
  };
}
