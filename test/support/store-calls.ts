// Counts what a test core asks of its store: each repository call by name, and on a PostgreSQL
// server the statements its pool's clients send (one a round trip). The calls still run on the store.
import type { CoreModule } from '../../src/core/commands/types';
import type { CoreDeps } from '../../src/core/deps';
import type { Store } from '../../src/core/ports';
import { type DrainResult, Sender } from '../../src/scheduler/sender';
import type { TestCore } from './core';
import { pgDatabaseOf } from './core-store';
import { countPoolStatements } from './pool-statements';

/** The store with every repository call counted by name ('people.get'); the calls still run on `store`. */
export function countingStore(store: Store, calls: Map<string, number>): Store {
  const repos = new Map<PropertyKey, unknown>();
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  const repo = (name: string, target: object) =>
    new Proxy(target, {
      get(_, method) {
        const value = Reflect.get(target, method) as unknown;
        if (typeof value !== 'function' || typeof method !== 'string') return value;
        return (...args: unknown[]) => {
          count(`${name}.${method}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return new Proxy(store, {
    get(_, name) {
      const value = Reflect.get(store, name) as unknown;
      if (typeof value !== 'object' || value === null || typeof name !== 'string') return value;
      if (!repos.has(name)) repos.set(name, repo(name, value));
      return repos.get(name);
    },
  });
}

/** Statements the clients of a test core's PostgreSQL server pool send until the test ends; undefined on SQLite and PGlite. */
export async function countRoundTrips(store: object): Promise<(() => number) | undefined> {
  const pool = (await pgDatabaseOf(store))?.pool;
  return pool ? countPoolStatements(pool) : undefined;
}

export interface CountedDrain {
  result: DrainResult;
  /** The deliveries' own store calls by name; the claims apart (how many find nothing depends on timing). */
  calls: Record<string, number>;
  claims: number;
  /** Statements on a PostgreSQL server, claims included; undefined on SQLite and PGlite. */
  roundTrips?: number;
}

/** Drains what is ready now with a sender over the core's store, counted, and the composers of `module`. */
export async function countedDrain(core: TestCore, module: CoreModule, concurrency?: number): Promise<CountedDrain> {
  const counted = new Map<string, number>();
  const deps: CoreDeps = { ...core.deps, store: countingStore(core.store, counted) };
  const sender = new Sender({ deps, composers: module.composers!(deps), log: core.deps.log, owner: 'counted', concurrency });
  const roundTrips = await countRoundTrips(core.store);
  const result = await sender.drain(core.clock.now());
  const { 'deliveries.claim': claims = 0, ...calls } = Object.fromEntries(counted);
  return { result, calls, claims, roundTrips: roundTrips?.() };
}
