// A small seeded generator (mulberry32), so that a failing random run can be repeated with its seed.

export interface Random {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  bytes(n: number): Buffer;
  /** A string of `n` characters drawn from printable ASCII, control characters and astral emoji. */
  text(n: number): string;
}

export function rng(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const ALPHABET = ['a', 'Z', '0', ' ', '<', '>', '&', '"', "'", '\\', '{', '}', '[', ']', ':', ',', '%', '=', '\u0000', '\n', '\u202e', 'é', '😀', '\ud800'];
  return {
    next,
    int,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
    bytes(n) {
      const out = Buffer.alloc(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
    text(n) {
      let s = '';
      for (let i = 0; i < n; i++) s += next() < 0.7 ? String.fromCharCode(32 + Math.floor(next() * 95)) : ALPHABET[Math.floor(next() * ALPHABET.length)]!;
      return s;
    },
  };
}

/** The seed of this run: RELIABILITY_SEED, or one drawn now (printed by the tests so it can be repeated). */
export function runSeed(): number {
  const given = Number(process.env.RELIABILITY_SEED);
  return Number.isFinite(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31);
}
