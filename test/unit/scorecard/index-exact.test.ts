// indexOf computes in plain numbers while that is exact and in BigInt beyond: both must give the
// same index for a leader's small figures, an organisation's large sums and decimal weights.
import { describe, expect, it } from 'vitest';
import { rng } from '../../../scripts/bench/generate-org';
import { indexInBigInts, indexOf, ratio, winsPart, type Parts } from '../../../src/core/scorecard/arithmetic';
import type { Weights } from '../../../src/core/people/types';

function randomParts(r: ReturnType<typeof rng>, size: number): Parts {
  const part = () => {
    if (r.chance(0.15)) return null;
    const den = r.int(1, size);
    return ratio(r.int(0, den), den);
  };
  return { meetings: part(), walks: part(), wins: winsPart(r.int(0, 20), r.int(0, 15)), followUps: part(), response: part() };
}

describe('indexOf', () => {
  it('agrees with the BigInt computation for small and huge figures and any weights', () => {
    const r = rng(2026);
    const weightSets: Weights[] = [
      [30, 30, 15, 15, 10],
      [12.5, 37.5, 20, 20, 10],
      [0, 1, 0, 0, 0],
      [1, 1, 1, 1, 1],
      [100, 0.001, 3.333, 7, 9],
    ];
    let checked = 0;
    for (const size of [5, 150, 60_000, 9_000_000]) {
      for (let i = 0; i < 400; i++) {
        const parts = randomParts(r, size);
        for (const weights of weightSets) {
          expect(indexOf(parts, weights), JSON.stringify({ parts, weights })).toBe(indexInBigInts(parts, weights));
          checked++;
        }
      }
    }
    expect(checked).toBe(8000);
  });

  it('rounds half up at the exact boundary in both ways', () => {
    // 1/8 → 12.5 → 13 with one part; (1/2·30 + 0/1·30) / 60 = 25 exactly.
    const only = (meetings: Parts['meetings']): Parts => ({ meetings, walks: null, wins: null, followUps: null, response: null });
    expect(indexOf(only({ num: 1, den: 8 }), [30, 30, 15, 15, 10])).toBe(13);
    expect(indexOf(only({ num: 3, den: 8 }), [30, 30, 15, 15, 10])).toBe(38);
    const huge = 3_000_000_000;
    expect(indexOf(only({ num: huge / 8, den: huge }), [30, 30, 15, 15, 10])).toBe(13);
    expect(indexOf({ ...only({ num: 1, den: 2 }), walks: { num: 0, den: 1 } }, [30, 30, 15, 15, 10])).toBe(25);
  });
});
