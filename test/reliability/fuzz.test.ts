// Fuzz: malformed and random requests to /slack/events and /api/messages against a real server
// process (support/fuzz.ts says what is sent). The server must not crash, answer no 5xx, write
// nothing, call nobody, and not grow. The bench runs 10,000; this runs 2,000.
import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_FAMILIES } from './support/fuzz';
import { runFuzz } from './support/fuzz-run';
import { runSeed } from './support/random';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs } from './support/secrets';

const LOGS = 'fuzz';
const COUNT = 2_000;
freshLogs(LOGS);
afterAll(() => expectNoSecrets(LOGS));

describe('fuzzing both public endpoints', () => {
  it(`survives ${COUNT} malformed requests: no crash, no 5xx, nothing written or sent, no memory growth`, { timeout: 60_000 }, async () => {
    const seed = runSeed();
    const r = await runFuzz({ count: COUNT, seed, name: LOGS });
    figure(
      'fuzz',
      `fuzz seed ${seed}: ${r.requests} requests in ${r.ms} ms, by status ${JSON.stringify(r.byStatus)}, RSS ${r.rssWarmMb.toFixed(1)} → ${r.rssEndMb.toFixed(1)} MB`,
      { ...r, failures: r.failures.length, errorLogs: r.errorLogs.length },
    );
    expect(r.requests).toBe(COUNT);
    expect(r.alive).toBe(true);
    expect(r.healthz).toBe(200);
    expect(r.failures.slice(0, 5), `seed ${seed}`).toEqual([]);
    expect(r.changedTables, `seed ${seed}`).toEqual({});
    expect({ slack: r.slackCalls, connector: r.connectorCalls }).toEqual({ slack: 0, connector: 0 });
    expect(r.errorLogs.slice(0, 5), `seed ${seed}`).toEqual([]);
    // Every family of case was exercised, and each was refused (an answer other than 2xx) at least
    // once — except those Slack signed, which are acknowledged (200) and ignored: that nothing was
    // written or sent (above) is what shows they were refused.
    expect(Object.keys(r.byKind).sort()).toEqual([...FUZZ_FAMILIES].sort());
    const acknowledged = ['slack:command-missing-fields-signed', 'slack:unknown-workspace-signed', 'slack:wrong-content-type-signed'];
    const neverRefused = FUZZ_FAMILIES.filter((f) => !Object.keys(r.byKind[f] ?? {}).some((status) => !/^2\d\d$/.test(status)));
    expect(
      neverRefused.filter((f) => !acknowledged.includes(f)),
      JSON.stringify(r.byKind),
    ).toEqual([]);
    expect(r.rssEndMb - r.rssWarmMb).toBeLessThan(20);
  });
});
