// A Logger for in-process benchmark runs: counts lines by level and message (the hot paths log
// rate-limit pauses and failures), keeps a few samples, and prints nothing.
import type { Logger } from '../../src/core/ports';

export class CountingLogger implements Logger {
  readonly counts: Record<string, number>;
  readonly samples: Array<{ level: string; msg?: string; obj: object }>;

  constructor(shared?: CountingLogger) {
    this.counts = shared?.counts ?? {};
    this.samples = shared?.samples ?? [];
  }

  private note(level: string, obj: object, msg?: string): void {
    const key = `${level}: ${msg ?? ''}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    if (level !== 'debug' && this.samples.length < 20) this.samples.push({ level, msg, obj });
  }

  debug(obj: object, msg?: string) {
    this.note('debug', obj, msg);
  }
  info(obj: object, msg?: string) {
    this.note('info', obj, msg);
  }
  warn(obj: object, msg?: string) {
    this.note('warn', obj, msg);
  }
  error(obj: object, msg?: string) {
    this.note('error', obj, msg);
  }
  child(): Logger {
    return new CountingLogger(this);
  }

  /** Lines at warn or error, by message. */
  problems(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.counts).filter(([k]) => k.startsWith('warn') || k.startsWith('error')));
  }
}
