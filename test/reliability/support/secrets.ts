// The secrets check: everything the suite's processes logged (each test file's logs are files
// named after it in LOG_DIR) searched for token shapes and the secrets the servers were given.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CLIENT_SECRET, SIGNING_SECRET, STATE_SECRET } from './plant';
import { LOG_DIR } from './process';

/**
 * Token shapes (a token character right after the prefix: the hint "xoxb-…" in a start-up error
 * is not a token) and the literal secrets the suite's servers are given.
 */
export const SECRET_PATTERNS: RegExp[] = [/xoxb-[A-Za-z0-9]/, /xoxp-[A-Za-z0-9]/, /xapp-[A-Za-z0-9]/, /Bearer ey/];
export const SECRET_NEEDLES = [SIGNING_SECRET, CLIENT_SECRET, STATE_SECRET];

export interface SecretScan {
  files: number;
  bytes: number;
  lines: number;
  hits: Array<{ file: string; needle: string; line: string }>;
  /** Hits per pattern or secret (all zero when clean), for the report. */
  counts: Record<string, number>;
}

function logFiles(prefix: string): string[] {
  return readdirSync(LOG_DIR).filter((f) => (prefix === '' || f.startsWith(`${prefix}-`)) && f.endsWith('.log'));
}

/** Forgets a test file's logs of earlier runs (call before it starts processes). */
export function freshLogs(prefix: string): void {
  for (const f of logFiles(prefix)) rmSync(join(LOG_DIR, f), { force: true });
}

export function scanLogs(prefix: string, extraNeedles: string[] = []): SecretScan {
  const needles = [...SECRET_NEEDLES, ...extraNeedles];
  const scan: SecretScan = { files: 0, bytes: 0, lines: 0, hits: [], counts: {} };
  for (const p of SECRET_PATTERNS) scan.counts[p.source] = 0;
  for (const n of needles) scan.counts[n] = 0;
  for (const file of logFiles(prefix)) {
    const text = readFileSync(join(LOG_DIR, file), 'utf8');
    scan.files++;
    scan.bytes += Buffer.byteLength(text);
    for (const line of text.split('\n')) {
      if (!line) continue;
      scan.lines++;
      for (const pattern of SECRET_PATTERNS) {
        if (!pattern.test(line)) continue;
        scan.counts[pattern.source]!++;
        scan.hits.push({ file, needle: pattern.source, line: line.slice(0, 300) });
      }
      for (const needle of needles) {
        if (!line.includes(needle)) continue;
        scan.counts[needle]!++;
        scan.hits.push({ file, needle, line: line.slice(0, 300) });
      }
    }
  }
  return scan;
}

/** Fails with the offending lines when a test file's logs hold a secret; returns the scan. */
export function expectNoSecrets(prefix: string, extraNeedles: string[] = []): SecretScan {
  const scan = scanLogs(prefix, extraNeedles);
  expect(scan.files, `no logs named ${prefix}-*.log in ${LOG_DIR}`).toBeGreaterThan(0);
  expect(scan.hits.slice(0, 5)).toEqual([]);
  return scan;
}
