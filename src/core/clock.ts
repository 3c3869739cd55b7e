import type { Clock } from './ports';

/** A clock that can be moved: local mode's "/clock +3d" and every time-dependent test. */
export class MovableClock implements Clock {
  private offsetMs: number;

  constructor(
    start: number = Date.now(),
    private readonly base: () => number = () => start,
  ) {
    this.offsetMs = start - this.base();
  }

  /** A clock that runs with real time, starting at `start` (local mode). */
  static running(start: number = Date.now()): MovableClock {
    return new MovableClock(start, () => Date.now());
  }

  now(): number {
    return this.base() + this.offsetMs;
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  set(instant: number): void {
    this.offsetMs = instant - this.base();
  }
}
