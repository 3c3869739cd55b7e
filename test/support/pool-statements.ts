// Counts the statements the clients of a node-postgres pool send (one a round trip) until the test ends.
import type pg from 'pg';
import { onTestFinished } from 'vitest';

export function countPoolStatements(pool: pg.Pool): () => number {
  let n = 0;
  let counting = true;
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
  pool.on('acquire', count);
  onTestFinished(() => {
    counting = false;
    pool.off('acquire', count);
  });
  return () => n;
}
