// better-sqlite3 waits for another connection's lock synchronously (busy_timeout): meanwhile the
// whole process stands still — no request is answered, no timer fires. A server therefore opens
// its connection with a short busy timeout and waits out longer locks here, asynchronously: a
// store call that meets SQLITE_BUSY is repeated after a pause until the lock is gone (or a
// deadline passes), while the event loop keeps serving. Repeating is safe because each store call
// is one statement or one transaction, which SQLite rolled back when it met the lock.

/** How long a store call keeps trying before the SQLITE_BUSY reaches its caller. */
export const BUSY_RETRY_MS = 30_000;
const FIRST_PAUSE_MS = 10;
const MAX_PAUSE_MS = 250;

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/** Runs `work`, repeating it after growing pauses while it fails with SQLITE_BUSY. */
export async function retryWhileBusy<T>(work: () => Promise<T>, deadlineMs = BUSY_RETRY_MS): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(MAX_PAUSE_MS, pause * 2)) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Wraps an async function (a synchronous one is called as it is: it cannot wait without blocking). */
function retrying(fn: AnyFunction, self: unknown): AnyFunction {
  return (...args) => {
    const first = fn.apply(self, args);
    if (!(first instanceof Promise)) return first;
    return first.catch((error: unknown) => {
      if (!isBusy(error)) throw error;
      return retryWhileBusy(() => fn.apply(self, args) as Promise<unknown>);
    });
  };
}

/** A repository whose async methods wait out SQLITE_BUSY (see above). */
export function retryingRepo<T extends object>(repo: T): T {
  const wrapped = new Map<PropertyKey, AnyFunction>();
  return new Proxy(repo, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      let fn = wrapped.get(prop);
      if (!fn) wrapped.set(prop, (fn = retrying(value as AnyFunction, target)));
      return fn;
    },
  });
}

/** Every repository and async function of a store, waiting out SQLITE_BUSY; `keep` is left as it is. */
export function retryingStore<T extends object>(store: T, keep: ReadonlyArray<keyof T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    if (keep.includes(key as keyof T)) out[key] = value;
    else if (typeof value === 'function') out[key] = retrying(value as AnyFunction, store);
    else if (value && typeof value === 'object') out[key] = retryingRepo(value);
    else out[key] = value;
  }
  return out as T;
}
