// Look before you resend. A delivery taken over from a process that stopped while sending it
// (deliveries.interruptions > 0) may have reached the chat platform already: the process died
// after the platform accepted the message and before the outcome was recorded. Sending again
// would duplicate it (chat.postMessage is not idempotent), so a platform that can read back what
// it sent (ChatPlatform.findSent, by the delivery key the message carries) is asked first.
// The check never stops a delivery: an error, a timeout or "cannot look" means send as before.
import type { Delivery, Outgoing } from '../core/deliveries';
import type { ChatPlatform, Logger, MessageRef, SentTarget } from '../core/ports';
import { describeError } from './retry';

/** How long the sender waits for a lookup before sending anyway. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 5_000;

export interface ResendCheck {
  platform: ChatPlatform;
  log: Logger;
  timeoutMs: number;
}

/** Whether a delivery's previous claim may have sent it without recording so. */
export function mayHaveBeenSent(delivery: Delivery): boolean {
  return (delivery.interruptions ?? 0) > 0;
}

/**
 * The reference of the message an interrupted claim already sent for this delivery, if the
 * platform finds it; undefined to send (not found, no lookup, an error or no answer in time).
 */
export async function findEarlierSend(check: ResendCheck, delivery: Delivery, composed: Outgoing): Promise<MessageRef | undefined> {
  const { platform, log } = check;
  if (!platform.findSent || !mayHaveBeenSent(delivery)) return undefined;
  // A found message's file may not have been uploaded before the stop: send such messages whole again.
  if (composed.message.attachment) return undefined;
  const target: SentTarget = 'personId' in composed.to ? { personId: composed.to.personId } : { channel: composed.to.channel };
  const fields = { id: delivery.id, key: delivery.key, orgId: delivery.orgId, interruptions: delivery.interruptions };
  let timer: NodeJS.Timeout | undefined;
  try {
    // The interrupted claim was made at or after nextAttemptAt (claims never move it), so the
    // message, if it went out, is no older than that.
    const lookup = platform.findSent(delivery.orgId, target, delivery.key, delivery.nextAttemptAt);
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), check.timeoutMs);
    });
    const found = await Promise.race([lookup, timeout]);
    if (found === 'timeout') {
      lookup.catch(() => undefined);
      log.warn(
        { ...fields, timeoutMs: check.timeoutMs },
        'no answer in time when looking for an earlier send of an interrupted delivery; sending it (it may arrive twice)',
      );
      return undefined;
    }
    if (!found) log.info(fields, 'an interrupted delivery had not gone out (or cannot be looked up); sending it');
    return found;
  } catch (error) {
    log.warn({ ...fields, error: describeError(error) }, 'could not look for an earlier send of an interrupted delivery; sending it (it may arrive twice)');
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
