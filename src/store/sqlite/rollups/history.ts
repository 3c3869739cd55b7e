// One rollup row per leader with every counted week's floor-walk character and response times
// (level 'history', key = the leader, week ''), so that medians and streaks read one row per leader
// whatever the period, instead of one row per leader and week (two years: 500 rows, not 52,000).
// A history holds exactly what the leader's weekly rows hold: the refresher replaces a week in it
// whenever it counts that week (same transaction). The row with key '' marks an organisation's
// histories as complete; without it (a new database, after `rollups rebuild`) the first read
// builds them all from the weekly rows, once, and from then on counting keeps them. It also holds
// a token that every change of a history replaces: a store keeps the decoded histories in memory
// while the token is the same (any connection's change, or a rollback, shows as another token).
//
// Response times are kept sorted by (bucket, week, value) (buckets: medians.ts), so the values of
// one bucket in a run of weeks are one contiguous slice, found by binary search on the weeks.
import type Database from 'better-sqlite3';
import { TokenedCache } from './tokens';
import { addDays } from '../../../core/time';
import { BOUNDS, bucketOf } from './buckets';

export interface LeaderHistory {
  /** Monday of streak's first character ('' when there is none). */
  streakFrom: string;
  /** One character per week from streakFrom: '1' walked, '0' missed, '.' not part of the streak. */
  streak: string;
  /** Response times (ms) sorted by (bucket, week, value). */
  ms: Float64Array;
  /** The week number (weekNumber) of each value. */
  weeks: Int32Array;
}

/** A decoded history with its bucket sections: [bucket, start, end) triples of the arrays. */
export interface ReadHistory extends LeaderHistory {
  sections: Int32Array;
}

const DAY = 86_400_000;

/** Consecutive numbers for Mondays (the Monday of 1970-01-05 is 1). */
export function weekNumber(monday: string): number {
  return (Date.parse(`${monday}T00:00:00Z`) / DAY + 3) / 7;
}

const EMPTY: LeaderHistory = { streakFrom: '', streak: '', ms: new Float64Array(0), weeks: new Int32Array(0) };

/** The row's text: the Monday, then the characters (canonical: no '.' at either end). */
export function decode(streak: string, responses: Buffer | null): LeaderHistory {
  const from = streak.slice(0, 10);
  // Float64 views need 8-byte alignment: copied only when the blob's buffer does not give it.
  const bytes = !responses ? new Uint8Array(0) : responses.byteOffset % 8 === 0 ? responses : new Uint8Array(responses);
  const n = bytes.byteLength / 12;
  return {
    streakFrom: from,
    streak: streak.slice(10),
    ms: new Float64Array(bytes.buffer, bytes.byteOffset, n),
    weeks: new Int32Array(bytes.buffer, bytes.byteOffset + 8 * n, n),
  };
}

function encode(h: LeaderHistory): { streak: string; responses: Buffer | null } {
  const n = h.ms.length;
  if (n === 0) return { streak: h.streakFrom + h.streak, responses: null };
  const out = Buffer.alloc(12 * n);
  out.set(new Uint8Array(h.ms.buffer, h.ms.byteOffset, 8 * n), 0);
  out.set(new Uint8Array(h.weeks.buffer, h.weeks.byteOffset, 4 * n), 8 * n);
  return { streak: h.streakFrom + h.streak, responses: out };
}

/** The streak string with week `monday`'s character set ('' or '.': not part of it), trimmed of '.' at both ends. */
function withChar(from: string, streak: string, monday: string, char: string): { streakFrom: string; streak: string } {
  const c = char === '' ? '.' : char;
  if (streak === '') return c === '.' ? { streakFrom: '', streak: '' } : { streakFrom: monday, streak: c };
  let at = (weekNumber(monday) - weekNumber(from)) | 0;
  let s = streak;
  let start = from;
  if (at < 0) {
    if (c === '.') return { streakFrom: from, streak };
    s = '.'.repeat(-at) + s;
    start = monday;
    at = 0;
  }
  if (at >= s.length) {
    if (c === '.') return { streakFrom: from, streak };
    s += '.'.repeat(at - s.length + 1);
  }
  s = s.slice(0, at) + c + s.slice(at + 1);
  const lead = s.length - s.replace(/^\.+/, '').length;
  s = s.replace(/^\.+/, '').replace(/\.+$/, '');
  return s === '' ? { streakFrom: '', streak: '' } : { streakFrom: addDays(start, 7 * lead), streak: s };
}

/** Before, in (bucket, week, value) order. */
function before(bucketA: number, weekA: number, msA: number, bucketB: number, weekB: number, msB: number): boolean {
  return bucketA !== bucketB ? bucketA < bucketB : weekA !== weekB ? weekA < weekB : msA < msB;
}

/** The history with week `monday`'s values replaced by `values` (any order). */
function withValues(h: LeaderHistory, monday: string, values: Float64Array): Pick<LeaderHistory, 'ms' | 'weeks'> {
  const w = weekNumber(monday);
  let kept = 0;
  for (let i = 0; i < h.weeks.length; i++) if (h.weeks[i] !== w) kept++;
  if (kept === h.weeks.length && values.length === 0) return { ms: h.ms, weeks: h.weeks };
  const added = Float64Array.from(values).sort((a, b) => bucketOf(a) - bucketOf(b) || a - b);
  const addedBuckets = Int32Array.from(added, bucketOf);
  const ms = new Float64Array(kept + added.length);
  const weeks = new Int32Array(kept + added.length);
  let i = 0;
  let j = 0;
  // The old values come grouped by bucket: one comparison tells whether the next is still in the same one.
  let oldBucket = 0;
  for (let o = 0; o < ms.length; o++) {
    while (i < h.ms.length && h.weeks[i] === w) i++;
    let takeOld = false;
    if (i < h.ms.length) {
      if (oldBucket >= BOUNDS.length || h.ms[i]! >= BOUNDS[oldBucket]!) oldBucket = bucketOf(h.ms[i]!);
      takeOld = j >= added.length || before(oldBucket, h.weeks[i]!, h.ms[i]!, addedBuckets[j]!, w, added[j]!);
    }
    if (takeOld) {
      ms[o] = h.ms[i]!;
      weeks[o] = h.weeks[i++]!;
    } else {
      ms[o] = added[j++]!;
      weeks[o] = w;
    }
  }
  return { ms, weeks };
}

/** A leader's week as the refresher wrote it. */
export interface WeekEntry {
  streak: string;
  responses: Buffer | null;
}

const float64s = (b: Buffer | null) => (b ? new Float64Array(new Uint8Array(b).buffer) : new Float64Array(0));

export class LeaderHistories extends TokenedCache {
  /** Decoded histories per organisation, valid while the stored token is the same. */
  private readonly cache = new Map<string, { token: string | undefined; histories: Map<string, ReadHistory> }>();

  constructor(client: Database.Database) {
    super(client, 'history');
  }

  private complete(orgId: string): boolean {
    return this.token(orgId) !== undefined;
  }

  /** Gives the organisation's histories a new token (a value never used before: a rollback cannot bring back a cached one). */
  private changed(orgId: string): string {
    return this.newToken(orgId);
  }

  private write(orgId: string, personId: string, h: LeaderHistory): void {
    if (h.streak === '' && h.ms.length === 0) {
      this.st("DELETE FROM scorecard_rollups WHERE org_id = ? AND level = 'history' AND key = ? AND week = ''").run(orgId, personId);
      return;
    }
    const { streak, responses } = encode(h);
    this.st("INSERT OR REPLACE INTO scorecard_rollups (org_id, level, key, week, streak, responses) VALUES (?, 'history', ?, '', ?, ?)").run(
      orgId,
      personId,
      streak,
      responses,
    );
  }

  private rows(orgId: string): Array<{ key: string; streak: string; responses: Buffer | null }> {
    return this.st("SELECT key, streak, responses FROM scorecard_rollups WHERE org_id = ? AND level = 'history' AND key <> ''").all(orgId) as Array<{
      key: string;
      streak: string;
      responses: Buffer | null;
    }>;
  }

  /** Every leader's history of the organisation (rows with a history only), decoded once per token. */
  private all(orgId: string): Map<string, ReadHistory> {
    const token = this.token(orgId);
    let cached = this.cache.get(orgId);
    if (!cached || cached.token !== token) {
      cached = { token, histories: new Map(this.rows(orgId).map((r) => [r.key, withSections(decode(r.streak, r.responses))])) };
      this.cache.set(orgId, cached);
    }
    return cached.histories;
  }

  /** Called by the refresher after it wrote a week's leader rows: the week in every history becomes theirs. */
  replaceWeek(orgId: string, monday: string, entries: Map<string, WeekEntry>): void {
    if (!this.complete(orgId)) return; // the first read builds them all
    const histories = new Map(this.all(orgId));
    for (const id of new Set([...histories.keys(), ...entries.keys()])) {
      const h = histories.get(id) ?? EMPTY;
      const entry = entries.get(id);
      const s = withChar(h.streakFrom, h.streak, monday, entry?.streak ?? '');
      const values = withValues(h, monday, float64s(entry?.responses ?? null));
      // A week counted again with the same figures (the usual case after a write that changed none) is not written.
      if (s.streakFrom === h.streakFrom && s.streak === h.streak && (values.ms === h.ms || sameValues(values, h))) continue;
      const next = { ...s, ...values };
      this.write(orgId, id, next);
      if (next.streak === '' && next.ms.length === 0) histories.delete(id);
      else histories.set(id, withSections(next));
    }
    // The decoded histories stay valid: they are what was just written.
    this.cache.set(orgId, { token: this.changed(orgId), histories });
  }

  /** Builds every history of the organisation from its weekly rows, unless they are complete. */
  ensure(orgId: string): void {
    if (this.complete(orgId)) return;
    this.client
      .transaction(() => {
        if (this.complete(orgId)) return;
        for (const [id, h] of this.fromWeeks(orgId)) this.write(orgId, id, h);
        this.changed(orgId); // read back (and decoded) by the first read
      })
      .immediate();
  }

  /** What the histories should hold, from the weekly rows (also `verify`'s reference). */
  fromWeeks(orgId: string): Map<string, LeaderHistory> {
    const rows = this.st("SELECT key, week, streak, responses FROM scorecard_rollups WHERE org_id = ? AND level = 'leader' ORDER BY key, week").all(
      orgId,
    ) as Array<{ key: string; week: string; streak: string; responses: Buffer | null }>;
    const byLeader = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byLeader.get(r.key);
      if (list) list.push(r);
      else byLeader.set(r.key, [r]);
    }
    const out = new Map<string, LeaderHistory>();
    for (const [id, weeks] of byLeader) {
      let streak = { streakFrom: '', streak: '' };
      for (const r of weeks) if (r.streak !== '') streak = withChar(streak.streakFrom, streak.streak, r.week, r.streak);
      const ms: number[] = [];
      const numbers: number[] = [];
      for (const r of weeks) {
        for (const v of float64s(r.responses)) {
          ms.push(v);
          numbers.push(weekNumber(r.week));
        }
      }
      const order = ms.map((_, i) => i).sort((a, b) => bucketOf(ms[a]!) - bucketOf(ms[b]!) || numbers[a]! - numbers[b]! || ms[a]! - ms[b]!);
      const h = { ...streak, ms: Float64Array.from(order, (i) => ms[i]!), weeks: Int32Array.from(order, (i) => numbers[i]!) };
      if (h.streak !== '' || h.ms.length > 0) out.set(id, h);
    }
    return out;
  }

  /**
   * The histories of these leaders (after ensure; a leader with none has no entry). One pass over
   * the organisation's history rows, not a lookup per leader: each row overflows its page, and a
   * key lookup reads a whole overflowing row at every comparison on its way down the tree.
   */
  read(orgId: string, ids: string[]): Map<string, ReadHistory> {
    const histories = this.all(orgId);
    const out = new Map<string, ReadHistory>();
    for (const id of ids) {
      const h = histories.get(id);
      if (h) out.set(id, h);
    }
    return out;
  }

  /** Whether the stored histories equal the weekly rows' (`verify`); null when they are not built. */
  matchesWeeks(orgId: string): boolean | null {
    if (!this.complete(orgId)) return null;
    const want = this.fromWeeks(orgId);
    const have = new Map(this.rows(orgId).map((r) => [r.key, decode(r.streak, r.responses)]));
    if (want.size !== have.size) return false;
    for (const [id, h] of want) {
      const g = have.get(id);
      if (!g || g.streakFrom !== h.streakFrom || g.streak !== h.streak || !sameValues(g, h)) return false;
    }
    return true;
  }
}

/** The history's bucket sections (values are grouped by bucket, in bucket order). */
function withSections(h: LeaderHistory): ReadHistory {
  const triples: number[] = [];
  const n = h.ms.length;
  for (let start = 0; start < n; ) {
    const b = bucketOf(h.ms[start]!);
    let end = n;
    if (b < BOUNDS.length) {
      let lo = start;
      while (lo < end) {
        const mid = (lo + end) >> 1;
        if (h.ms[mid]! >= BOUNDS[b]!) end = mid;
        else lo = mid + 1;
      }
    }
    triples.push(b, start, end);
    start = end;
  }
  return { ...h, sections: Int32Array.from(triples) };
}

function sameValues(a: Pick<LeaderHistory, 'ms' | 'weeks'>, b: Pick<LeaderHistory, 'ms' | 'weeks'>): boolean {
  if (a.ms.length !== b.ms.length) return false;
  for (let i = 0; i < a.ms.length; i++) if (a.ms[i] !== b.ms[i] || a.weeks[i] !== b.weeks[i]) return false;
  return true;
}
