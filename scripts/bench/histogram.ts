// A small HDR-style latency histogram: values in microseconds, log-linear buckets (each power of
// two split into 256 equal sub-buckets, so any recorded value is kept to within 0.4 %), constant
// memory whatever the count. Percentiles are read from the bucket counts.

const SUB_BITS = 8;
const SUB = 1 << SUB_BITS;
/** Up to 2^36 µs (about 19 hours): far beyond any latency we measure. */
const MAX_EXP = 36;

export interface Summary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export class Histogram {
  private readonly counts = new Float64Array((MAX_EXP - SUB_BITS + 2) * SUB);
  count = 0;
  private sum = 0;
  private max = 0;

  /** Records one value in microseconds (fractions are truncated; negatives count as 0). */
  record(us: number): void {
    const v = Math.max(0, Math.floor(us));
    this.counts[indexOf(v)]! += 1;
    this.count += 1;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  recordMs(ms: number): void {
    this.record(ms * 1000);
  }

  /** Adds another histogram's counts (e.g. from another process, via toJSON). */
  merge(other: Histogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
  }

  /** The value (µs) at percentile p (0–100): the upper edge of the bucket holding that rank. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, upperEdge(i));
    }
    return this.max;
  }

  summary(): Summary {
    const ms = (us: number) => Math.round(us) / 1000;
    return {
      count: this.count,
      meanMs: this.count ? ms(this.sum / this.count) : 0,
      p50Ms: ms(this.percentile(50)),
      p90Ms: ms(this.percentile(90)),
      p99Ms: ms(this.percentile(99)),
      p999Ms: ms(this.percentile(99.9)),
      maxMs: ms(this.max),
    };
  }

  toJSON(): { counts: Array<[number, number]>; count: number; sum: number; max: number } {
    const counts: Array<[number, number]> = [];
    this.counts.forEach((n, i) => {
      if (n) counts.push([i, n]);
    });
    return { counts, count: this.count, sum: this.sum, max: this.max };
  }

  static fromJSON(json: ReturnType<Histogram['toJSON']>): Histogram {
    const h = new Histogram();
    for (const [i, n] of json.counts) h.counts[i] = n;
    h.count = json.count;
    h.sum = json.sum;
    h.max = json.max;
    return h;
  }
}

/** Values below SUB map one to one; above, exponent band × SUB + the top SUB_BITS bits of the value. */
function indexOf(v: number): number {
  if (v < SUB) return v;
  const exp = Math.min(MAX_EXP, Math.floor(Math.log2(v)));
  const shift = exp - SUB_BITS;
  const sub = Math.floor(v / 2 ** shift) - SUB; // 0 … SUB-1
  return (shift + 1) * SUB + Math.min(SUB - 1, sub);
}

function upperEdge(index: number): number {
  if (index < SUB) return index;
  const shift = Math.floor(index / SUB) - 1;
  const sub = index % SUB;
  return (SUB + sub + 1) * 2 ** shift - 1;
}
