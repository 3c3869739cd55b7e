// Work after an ack that fails must not vanish: log it (without bodies or tokens) and tell the
// person what happened in words they can act on. The work waits its turn behind new requests' acks
// (backlog.ts).
import { note } from '../../../core/model';
import { ChatError } from '../../../core/ports';
import type { SlackDeps } from '../context';
import { sendMessage, type ReplySurface } from '../reply';

export async function safely(d: SlackDeps, what: string, surface: ReplySurface, work: () => Promise<void>): Promise<void> {
  await (d.afterAck ? d.afterAck.run(() => attempt(d, what, surface, work)) : attempt(d, what, surface, work));
}

async function attempt(d: SlackDeps, what: string, surface: ReplySurface, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const code = error instanceof ChatError ? error.code : 'error';
    d.log.warn({ what, code, err: error instanceof Error ? error.message : String(error) }, 'Slack interaction failed');
    const text =
      code === 'rate_limited'
        ? 'Slack asked me to slow down. Please try again in a minute.'
        : error instanceof ChatError && /trigger/.test(error.message)
          ? 'Slack did not let me open the form in time. Please try again.'
          : 'Sorry, something went wrong on our side. Please try again; if it keeps happening, tell your Clause5 admin.';
    try {
      await sendMessage(d, note(text), surface);
    } catch {
      // Nothing more we can do; it is logged above.
    }
  }
}
