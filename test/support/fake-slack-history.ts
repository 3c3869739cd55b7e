// The fake Slack's message metadata and conversations.history, as Slack answers them: messages
// newest first, `oldest` / `latest` exclusive, `limit` (default 100) with a cursor for the next
// page, and metadata only with include_all_metadata. Metadata Slack would refuse is refused.

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface HistoryMessage {
  channel: string;
  ts: string;
  text: string;
  botId: string;
  metadata?: MessageMetadata;
}

/** The metadata argument of chat.postMessage: undefined when absent, or Slack's error for a bad one. */
export function readMetadata(value: unknown): { metadata?: MessageMetadata } | { error: string } {
  if (value === undefined || value === '') return {};
  const parsed = typeof value === 'string' ? tryParse(value) : value;
  if (!parsed || typeof parsed !== 'object') return { error: 'invalid_metadata_format' };
  const { event_type, event_payload } = parsed as Partial<MessageMetadata>;
  if (typeof event_type !== 'string' || !/^[a-z0-9_]{1,255}$/i.test(event_type)) return { error: 'invalid_metadata_schema' };
  if (!event_payload || typeof event_payload !== 'object' || Array.isArray(event_payload)) return { error: 'invalid_metadata_schema' };
  return { metadata: { event_type, event_payload } };
}

/** conversations.history over the messages of one channel (the caller checked the channel exists). */
export function historyPage(messages: HistoryMessage[], channel: string, args: Record<string, any>): Record<string, unknown> {
  const limit = Math.min(999, Math.max(1, Number(args.limit ?? 100) || 100));
  const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
  const oldest = args.oldest ? String(args.oldest) : undefined;
  const latest = args.cursor ? String(args.cursor) : args.latest ? String(args.latest) : undefined;
  const matching = messages
    .filter((m) => m.channel === channel && (!oldest || compareTs(m.ts, oldest) > 0) && (!latest || compareTs(m.ts, latest) < 0))
    .sort((a, b) => compareTs(b.ts, a.ts));
  const page = matching.slice(0, limit);
  const hasMore = matching.length > limit;
  return {
    ok: true,
    messages: page.map((m) => ({
      type: 'message',
      ts: m.ts,
      text: m.text,
      bot_id: m.botId,
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    })),
    has_more: hasMore,
    // The cursor is the ts of the last message returned: the next page starts below it.
    response_metadata: { next_cursor: hasMore ? page[page.length - 1]!.ts : '' },
  };
}

/** Slack timestamps ('1700000000.000123') compared exactly (as doubles they lose the last digits). */
export function compareTs(a: string, b: string): number {
  const [as, af = ''] = a.split('.');
  const [bs, bf = ''] = b.split('.');
  const seconds = Number(as) - Number(bs);
  if (seconds !== 0) return seconds;
  return Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
