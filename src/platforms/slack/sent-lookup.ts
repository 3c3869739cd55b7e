// Finding a message Clause5 sent earlier by the delivery key it carries. Every scheduled Slack post
// has message metadata { event_type: 'clause5_delivery', event_payload: { key } } (posting metadata
// needs no extra scope); conversations.history with include_all_metadata returns it with each
// message. Only DMs are read (im:history, already granted for message.im).
import type { Logger } from '../../core/ports';
import type { SlackApi } from './api';

export const DELIVERY_EVENT_TYPE = 'clause5_delivery';

/**
 * How far before `sinceMs` the history is read: Slack's clock and ours may disagree a little, and a
 * claim's send can reach Slack a moment after the instant it was made.
 */
export const LOOKBACK_MARGIN_MS = 10 * 60_000;
/** Messages per history page, and pages read at most (a DM with Clause5 is quiet; 300 messages is days of it). */
const PAGE_SIZE = 100;
const MAX_PAGES = 3;

export interface DeliveryMetadata {
  event_type: typeof DELIVERY_EVENT_TYPE;
  event_payload: { key: string };
}

export function deliveryMetadata(key: string): DeliveryMetadata {
  return { event_type: DELIVERY_EVENT_TYPE, event_payload: { key } };
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { key?: unknown } };
}

interface HistoryResult {
  messages?: HistoryMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** The ts of the message in `channel` that carries `key`, sent at or after `sinceMs` (less the margin). */
export async function findInHistory(api: SlackApi, team: string, channel: string, key: string, sinceMs: number, log: Logger): Promise<string | undefined> {
  const oldest = (Math.max(0, sinceMs - LOOKBACK_MARGIN_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let result: HistoryResult;
    try {
      result = await api.call<HistoryResult>(team, 'conversations.history', {
        channel,
        oldest,
        limit: PAGE_SIZE,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      });
    } catch (error) {
      if (page === 0) throw error;
      // What was read did not have it; the rest could not be read (e.g. a stricter rate limit).
      log.warn({ team, channel, page, err: error instanceof Error ? error.message : String(error) }, 'could not read further back in a Slack DM');
      return undefined;
    }
    const hit = (result.messages ?? []).find((m) => m.metadata?.event_type === DELIVERY_EVENT_TYPE && m.metadata.event_payload?.key === key);
    if (hit?.ts) return hit.ts;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) return undefined;
  }
  return undefined;
}
