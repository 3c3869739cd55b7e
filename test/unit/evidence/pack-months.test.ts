// The pack's month-by-month trend is worked out from one facts query a month (buildPeriodIndex),
// not a full scorecard a month: each month's index and leader count must equal the full scorecard's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../../src/core/evidence/pack';
import { buildScorecard } from '../../../src/core/scorecard/build';
import { parsePeriod } from '../../../src/core/scorecard/period';
import type { TestCore } from '../../support/core';
import { mariasWeek, ORG, PRIYA } from '../privacy/fixture';

let tc: TestCore;
beforeAll(async () => {
  tc = await mariasWeek();
  // A second month with records: Priya walks in December; Maria does not.
  await tc.store.walks.create(
    { orgId: ORG, personId: PRIYA, area: 'Machining', walkDate: '2026-12-08', weekKey: '2026-W50', wentWell: 'ok', concerns: null, tags: [], source: 'adhoc' },
    [],
    PRIYA,
  );
  tc.clock.set(Date.parse('2027-01-05T15:00:00Z'));
});
afterAll(() => tc?.cleanup());

describe('the pack’s months', () => {
  it.each([
    ['organisation', undefined],
    ['site', 1],
  ] as const)('equal the full scorecard of each month (%s)', async (_label, siteId) => {
    const period = parsePeriod('2026-10-01..2026-12-31', '2027-01-05');
    const pack = await buildEvidencePack(tc.deps, { orgId: ORG, siteId, period, generatedBy: 'test', zone: 'America/Chicago' });
    expect(pack.months.map((m) => m.label)).toEqual(['2026-10', '2026-11', '2026-12']);
    const target = siteId === undefined ? ({ kind: 'all' } as const) : ({ kind: 'site', siteId } as const);
    for (const month of pack.months) {
      const card = await buildScorecard(tc.deps, { orgId: ORG, target, period: { from: month.from, to: month.to, label: month.label, days: 0 } });
      const group = siteId === undefined ? card.org : card.sites[0];
      expect({ label: month.label, index: month.index, leaders: month.leaders }).toEqual({
        label: month.label,
        index: group?.index ?? null,
        leaders: card.leaders.length,
      });
    }
    expect(pack.months.filter((m) => m.index !== null).length).toBeGreaterThanOrEqual(2);
  });
});
