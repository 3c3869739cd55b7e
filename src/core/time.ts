// Calendar and time-zone arithmetic. Instants are epoch milliseconds; local calendar dates are
// 'YYYY-MM-DD' strings and local times 'HH:MM' strings, always paired with an IANA zone.
import { TZDate } from '@date-fns/tz';
// Subpath imports: the package root would load all of date-fns (~250 modules, ~0.3 s of start-up).
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { UserError } from './errors';

export type LocalDate = string; // 'YYYY-MM-DD'
export type LocalTime = string; // 'HH:MM'

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const zoneCache = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}

let zoneNames: Map<string, string> | undefined;

/**
 * A time zone as typed ('america/chicago', ' Europe/London') → its canonical IANA spelling, or
 * undefined. Abbreviations ('est', 'CET', 'GMT') are refused even where Intl knows them: 'EST' is
 * America/Panama there, which has no summer time, so a New York meeting would drift an hour.
 */
export function canonicalTimeZone(text: string): string | undefined {
  const typed = text.trim();
  zoneNames ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((z) => [z.toLowerCase(), z]));
  const known = zoneNames.get(typed.toLowerCase());
  if (known) return known;
  // IANA names this runtime lists under another spelling (Asia/Kolkata, Etc/GMT+5, US/Eastern).
  if (!typed.includes('/') || !isValidTimeZone(typed)) return undefined;
  return new Intl.DateTimeFormat('en-US', { timeZone: typed }).resolvedOptions().timeZone;
}

/**
 * Zone abbreviations common in US plants → the IANA zone that keeps local clock time through summer
 * time (Intl would read EST as America/Panama, which has none). Arizona plants type America/Phoenix.
 */
export const US_ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  ET: 'America/New_York',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CT: 'America/Chicago',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MT: 'America/Denver',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PT: 'America/Los_Angeles',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  AKT: 'America/Anchorage',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HT: 'Pacific/Honolulu',
  HST: 'Pacific/Honolulu',
};

/** " (CST read as America/Chicago)" when `typed` was an abbreviation, else ''. */
export function zoneAbbreviationNote(typed: string | undefined): string {
  const zone = typed ? US_ZONE_ABBREVIATIONS[typed.trim().toUpperCase()] : undefined;
  return zone ? ` (${typed!.trim().toUpperCase()} read as ${zone})` : '';
}

/** 'MM/DD/YYYY' (US order, as typed in US plants) → 'YYYY-MM-DD'; anything else is returned unchanged. */
export function normaliseDate(value: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return value.trim();
  return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** canonicalTimeZone (or a US abbreviation, see above), or a UserError that says what to type instead. */
export function parseTimeZone(text: string): string {
  const abbreviated = US_ZONE_ABBREVIATIONS[text.trim().toUpperCase()];
  if (abbreviated) return abbreviated;
  const zone = canonicalTimeZone(text);
  if (zone === undefined)
    throw new UserError(`I don't know the time zone '${text.trim()}' — use an IANA name such as America/New_York, or ET, CT, MT, PT, AKT, HT`);
  return zone;
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === value;
}

export function isValidTime(value: string): boolean {
  return TIME_RE.test(value);
}

/** Normalises '7:30' to '07:30'; returns undefined when it is not a time of day. */
export function normaliseTime(value: string): LocalTime | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const t = `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return isValidTime(t) ? t : undefined;
}

function dateToUtcMidnight(date: LocalDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
}

function utcMidnightToDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return utcMidnightToDate(dateToUtcMidnight(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((dateToUtcMidnight(to) - dateToUtcMidnight(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const d = new Date(dateToUtcMidnight(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** ISO week key such as '2026-W53'. */
export function isoWeekKey(date: LocalDate): string {
  const d = new Date(dateToUtcMidnight(date) + 12 * 3_600_000); // midday avoids any zone edge
  const utcLike = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return `${getISOWeekYear(utcLike)}-W${String(getISOWeek(utcLike)).padStart(2, '0')}`;
}

/** Monday of the ISO week that contains `date`. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Monday..Sunday of an ISO week key. */
export function weekRange(weekKey: string): { from: LocalDate; to: LocalDate } {
  const m = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!m) throw new Error(`not an ISO week: ${weekKey}`);
  const jan4 = `${m[1]}-01-04`;
  const from = addDays(weekStart(jan4), (+m[2]! - 1) * 7);
  return { from, to: addDays(from, 6) };
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export interface LocalParts {
  date: LocalDate;
  time: LocalTime;
  weekday: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** Wall-clock date and time of an instant in a zone. */
export function localParts(instant: number, zone: string): LocalParts {
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return { date, time: `${get('hour')}:${get('minute')}`, weekday: isoWeekday(date) };
}

export function localDateOf(instant: number, zone: string): LocalDate {
  // Callers often ask for the same instant ("now") in each zone many times over (a trend's points).
  const last = lastDates.get(zone);
  if (last?.instant === instant) return last.date;
  const date = localParts(instant, zone).date;
  if (lastDates.size >= 1_000) lastDates.clear();
  lastDates.set(zone, { instant, date });
  return date;
}

const lastDates = new Map<string, { instant: number; date: LocalDate }>();

/**
 * The instant at which the wall clock in `zone` shows `date` `time`. A time skipped by a DST
 * change (02:30 on a spring-forward day) maps to the first valid minute after it (03:00); a time
 * that happens twice (01:30 on a fall-back day) maps to the first of the two.
 */
export function zonedInstant(date: LocalDate, time: LocalTime, zone: string): number {
  // A pure function costing several Intl calls: a weekly trend asks for thousands (every week's
  // bounds in every zone), mostly the same ones again, so answers are remembered (a bounded map).
  const key = `${date}T${time}@${zone}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const instant = computeZonedInstant(date, time, zone);
  if (instants.size >= MAX_INSTANTS) instants.clear();
  instants.set(key, instant);
  return instant;
}

const MAX_INSTANTS = 50_000;
const instants = new Map<string, number>();

function computeZonedInstant(date: LocalDate, time: LocalTime, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const candidate = +new TZDate(y, mo - 1, d, h, mi, zone);
  const wanted = `${date}T${time}`;
  const shown = localParts(candidate, zone);
  if (`${shown.date}T${shown.time}` === wanted) {
    // A repeated time: TZDate picks the later one east of UTC (Europe), so look an hour (or, for
    // Lord Howe's half-hour change, half an hour) earlier for the same wall time.
    for (const back of [3_600_000, 1_800_000]) {
      const earlier = localParts(candidate - back, zone);
      if (`${earlier.date}T${earlier.time}` === wanted) return candidate - back;
    }
    return candidate;
  }
  // In a DST gap: find the first instant whose wall clock is at or after the wanted one.
  let lo = candidate - 3 * 3_600_000;
  let hi = candidate;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    const p = localParts(mid, zone);
    if (`${p.date}T${p.time}` >= wanted) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Start (inclusive) and end (exclusive) instants of a range of whole local days. */
export function instantRange(from: LocalDate, to: LocalDate, zone: string): { start: number; end: number } {
  return { start: zonedInstant(from, '00:00', zone), end: zonedInstant(addDays(to, 1), '00:00', zone) };
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** 'fri' / 'Friday' / '5' → 5; undefined when it is not a weekday. */
export function parseWeekday(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (/^[1-7]$/.test(v)) return Number(v);
  const i = WEEKDAY_NAMES.findIndex((name) => v.startsWith(name) && 'monday tuesday wednesday thursday friday saturday sunday'.includes(v));
  return i >= 0 ? i + 1 : undefined;
}

export function weekdayName(day: number): string {
  return ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][day - 1] ?? `day ${day}`;
}
