// Counts what a test core asks of its store: each repository call by name, and on a PostgreSQL
// server the statements its pool's clients send (one a round trip). The calls still run on the store.
import { onTestFinished } from 'vitest';
import type { Store } from '../../src/core/ports';
import { pgDatabaseOf } from './core-store';

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
  if (!pool) return undefined;
  let n = 0;
  const wrapped = new WeakSet<object>();
  const count = (client: { query: (...args: unknown[]) => unknown }) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query;
    client.query = (...args: unknown[]) => {
      if (counting) n++;
      return query.apply(client, args);
    };
  };
  let counting = true;
  pool.on('acquire', count);
  onTestFinished(() => {
    counting = false;
    pool.off('acquire', count);
  });
  return () => n;
}
