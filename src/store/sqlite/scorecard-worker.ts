// Worker-thread side of the scorecard pool (scorecard-pool.ts): runs named scorecard statements on
// its own read-only connection, so a big scorecard never blocks the main thread's event loop.
// WAL lets this reader run beside the main connection's writes; each statement sees the last commit.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ScorecardQueries, type Params, type StatementName } from './scorecard-queries';

export type WorkerRequest = { type: 'run'; id: number; key: string; path: string; name: StatementName; params: Params } | { type: 'forget'; key: string };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; rows: unknown[] }
  /** `code`: SQLite's error code (SQLITE_BUSY…), so callers can tell a lock from a bug. */
  | { type: 'failed'; id: number; message: string; code?: string };

/** Connections kept open, by store key; the least recently used one is closed beyond this. */
const MAX_OPEN = 4;
const open = new Map<string, { db: Database.Database; queries: ScorecardQueries }>();

function connection(key: string, path: string): ScorecardQueries {
  const found = open.get(key);
  if (found) {
    open.delete(key);
    open.set(key, found); // most recently used last
    return found.queries;
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const entry = { db, queries: new ScorecardQueries(db) };
  open.set(key, entry);
  while (open.size > MAX_OPEN) forget(open.keys().next().value!);
  return entry.queries;
}

function forget(key: string): void {
  open.get(key)?.db.close();
  open.delete(key);
}

const port = parentPort!;
port.on('message', (request: WorkerRequest) => {
  if (request.type === 'forget') return forget(request.key);
  let reply: WorkerReply;
  try {
    reply = { type: 'done', id: request.id, rows: connection(request.key, request.path).run(request.name, request.params) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    reply = {
      type: 'failed',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
