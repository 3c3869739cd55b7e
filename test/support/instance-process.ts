// Starting and stopping pg-instance.ts processes (the instances benchmark), and the scratch
// PostgreSQL database they share.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { PacerOptions } from '../../src/platforms/slack/pacer';

export interface InstanceOptions {
  url: string;
  slackApiUrl: string;
  /** The instance's clock is real time plus this (the test's injected clock). */
  clockOffsetMs: number;
  leaseMs: number;
  concurrency: number;
  poolSize?: number;
  /** CLAUSE5_SECRET_KEY (hex): the bot tokens are sealed at rest. */
  secretKey: string;
  /** Start the scheduler only once this file exists (several instances begin together). */
  goFile?: string;
  pacer?: Omit<PacerOptions, 'now' | 'sleep'>;
}

export const OWNER_PREFIX = 'INSTANCE_OWNER ';
export const STARTED_LINE = 'INSTANCE_STARTED';
export const SENT_PREFIX = 'INSTANCE_SENT ';

const INSTANCE = fileURLToPath(new URL('./pg-instance.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface InstanceProcess {
  proc: ChildProcess;
  /** The lease owner it writes on the deliveries it claims. */
  owner: string;
  stderr(): string;
  /** Resolves once its start-up (the catch-up pass included) is done. */
  started: Promise<void>;
  /** After a clean stop: the messages it sent. */
  sent(): number | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns an instance and resolves once it has named its lease owner. */
export async function startInstance(options: InstanceOptions): Promise<InstanceProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', INSTANCE, JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => {
    // Keep the last 64 kB: enough to explain a failure.
    stderr = (stderr + c.toString()).slice(-65_536);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  let resolveStarted!: () => void;
  const started = new Promise<void>((resolve) => (resolveStarted = resolve));
  const owner = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = new RegExp(`^${OWNER_PREFIX}(.+)$`, 'm').exec(stdout);
      if (m) resolve(m[1]!);
      if (stdout.includes(STARTED_LINE)) resolveStarted();
    });
    void exited.then(({ code }) => reject(new Error(`instance exited early (${code}): ${stderr}`)));
  });
  const sent = () => {
    const m = new RegExp(`^${SENT_PREFIX}(\\d+)$`, 'm').exec(stdout);
    return m ? Number(m[1]) : undefined;
  };
  return { proc, owner, stderr: () => stderr, started, sent, exited };
}

/** SIGTERM and wait for the clean stop. */
export async function stopInstance(instance: InstanceProcess): Promise<void> {
  if (instance.proc.exitCode !== null || instance.proc.signalCode !== null) return;
  instance.proc.kill('SIGTERM');
  await instance.exited;
}

/** A new empty database on the server of `adminUrl`; returns its URL and how to drop it. */
export async function scratchDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
