// A running `clause5 serve` writes a heartbeat (its lease owner id and the real time) into the
// scheduler state at every tick, and clears it on a clean stop. `clause5 tick` reads it: a second
// process sending prompts on the same database would send what the server's chat never shows.
import type { Store } from '../core/ports';
import { ownerIsGone } from './recover';

export const SERVER_HEARTBEAT_KEY = 'server_heartbeat';
/** A heartbeat older than this (real time) means the server is gone (it beats once a minute). */
export const HEARTBEAT_STALE_MS = 3 * 60_000;

interface Heartbeat {
  owner: string;
  at: number;
}

export async function beat(store: Pick<Store, 'setState'>, owner: string, realNow: number): Promise<void> {
  await store.setState(SERVER_HEARTBEAT_KEY, JSON.stringify({ owner, at: realNow } satisfies Heartbeat));
}

export async function clearBeat(store: Pick<Store, 'getState' | 'setState'>, owner: string): Promise<void> {
  const current = read(await store.getState(SERVER_HEARTBEAT_KEY));
  if (current?.owner === owner) await store.setState(SERVER_HEARTBEAT_KEY, '');
}

/** The live server's heartbeat, if one beat recently and its process (on this host) still runs. */
export async function liveServer(
  store: Pick<Store, 'getState'>,
  realNow: number,
  isGone: (owner: string) => boolean = (o) => ownerIsGone(o),
): Promise<Heartbeat | undefined> {
  const current = read(await store.getState(SERVER_HEARTBEAT_KEY));
  if (!current || realNow - current.at > HEARTBEAT_STALE_MS || isGone(current.owner)) return undefined;
  return current;
}

function read(value: string | undefined): Heartbeat | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<Heartbeat>;
    return typeof parsed.owner === 'string' && typeof parsed.at === 'number' ? { owner: parsed.owner, at: parsed.at } : undefined;
  } catch {
    return undefined;
  }
}
