// A trend with nothing due anywhere says so in words instead of drawing an empty plot that looks broken.
import { describe, expect, it } from 'vitest';
import { trendSvg, type TrendPoint } from '../../../src/core/charts/trend';

const NONE = { meetings: null, walks: null, wins: null, followUps: null, response: null };
const point = (label: string, index: number | null, walks: number | null = null): TrendPoint => ({ label, index, parts: { ...NONE, walks } });
const model = (points: TrendPoint[]) => ({ title: 't', subtitle: 's', points, previous: points.map(() => null) });
const MESSAGE = 'Nothing was due in this period: every point is n/a';

describe('the trend chart', () => {
  it('says nothing was due when every point is n/a', () => {
    expect(trendSvg(model([point('W44', null), point('W45', null)]))).toContain(MESSAGE);
  });

  it('draws the figures without that message when one point has a value, even a part alone', () => {
    expect(trendSvg(model([point('W44', null), point('W45', 62)]))).not.toContain(MESSAGE);
    expect(trendSvg(model([point('W44', null, 50), point('W45', null)]))).not.toContain(MESSAGE);
  });
});
