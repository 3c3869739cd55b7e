// CPU time spent by a run's processes from one instant to another, from /proc (Linux): given pids
// (the serves, the fake) and the PostgreSQL backends serving one database. Backends come and go
// with the pools, so they are sampled while the run goes on; a backend's CPU from before the start
// does not count, and one that exits between two samples loses at most its last interval.
import type { Query } from '../../src/store/pg/db';
import { cpuMsOf } from './procs';

/** The bench's own connections name themselves so, and are left out of the backends' CPU. */
export const BENCH_APPLICATION = 'clause5-bench';

const SAMPLE_MS = 250;

export class CpuTally {
  private readonly processes = new Map<number, number>();
  /** Backend pid → [CPU at its first sample (0 if forked after the start), at its latest]. */
  private readonly backends = new Map<number, [number, number]>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    private readonly query: Query,
    pids: number[],
  ) {
    for (const pid of pids) this.processes.set(pid, NaN);
  }

  async start(): Promise<void> {
    for (const pid of this.processes.keys()) this.processes.set(pid, cpuMsOf(pid));
    await this.sampleBackends();
    this.started = true;
    this.timer = setInterval(() => void this.sampleBackends().catch(() => {}), SAMPLE_MS);
  }

  /** CPU ms since start(): of the given processes (each), and of the database's backends (together). */
  async stop(): Promise<{ processes: number[]; backends: number }> {
    clearInterval(this.timer);
    await this.sampleBackends();
    const processes = [...this.processes].map(([pid, before]) => cpuMsOf(pid) - before);
    let backends = 0;
    for (const [first, last] of this.backends.values()) backends += last - first;
    return { processes, backends };
  }

  private async sampleBackends(): Promise<void> {
    const rows = await this.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND application_name <> $1`,
      [BENCH_APPLICATION],
    );
    for (const { pid } of rows) {
      const now = cpuMsOf(pid);
      if (!Number.isFinite(now)) continue;
      const seen = this.backends.get(pid);
      if (seen) seen[1] = now;
      else this.backends.set(pid, [this.started ? 0 : now, now]);
    }
  }
}
