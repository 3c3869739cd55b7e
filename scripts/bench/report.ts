// What every benchmark script reports: rows of the docs/benchmarks.md table, printed as one
// `BENCH_RESULT {json}` line that `npm run bench` (run.ts) collects, plus the small statistics
// helpers they share (median of runs, rounding).

import { pathToFileURL } from 'node:url';

export interface BenchRow {
  /** What was measured, e.g. "Inbound Slack events: sustained events/s". */
  what: string;
  /** How it was run, in a few words (sizes, rates, time compression). */
  how: string;
  result: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** Whether the target was met (undefined when there is no target). */
  met?: boolean;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function emit(bench: string, rows: BenchRow[], extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ bench, rows, ...extra })}\n`);
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to `digits` significant figures for display (1234.5 → "1235", 0.01234 → "0.0123"). */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(decimals);
}

export function ratio(value: number, baseline: number): string {
  return baseline > 0 ? `${fmt(value / baseline, 2)}×` : 'n/a';
}

/** "median (min–max, n runs)". */
export function spread(values: number[], unit = '', digits = 3): string {
  const m = median(values);
  if (values.length < 2) return `${fmt(m, digits)}${unit}`;
  return `${fmt(m, digits)}${unit} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}, ${values.length} runs)`;
}

export function log(...parts: unknown[]): void {
  process.stderr.write(`${parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}\n`);
}

/** True when the module at `url` is the script node was started with (not merely imported). */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
}

/**
 * Runs `fn` `warmup` times untimed, then `iterations` times: the wall times of those runs, in order,
 * and the median CPU time of one run over all threads of the process (worker threads included).
 */
export async function sampleRuns(iterations: number, warmup: number, fn: () => unknown): Promise<{ samples: number[]; cpu: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    await fn();
    samples.push(performance.now() - start);
    const spent = process.cpuUsage(used);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return { samples, cpu: median(cpu) };
}
