// Updating messages sent earlier: once something is answered, every message about it (the question,
// its reminders, its nudges) is replaced, so no copy keeps live buttons. Best effort: the answer is
// stored either way, and a platform failure is only logged. The message a button reply replaces
// itself (`replacedByReply`) is left to the platform, so no message is updated twice.
import type { CoreDeps } from './deps';
import type { Message } from './model';
import type { MessageRef } from './ports';

export async function updateSentMessages(
  deps: CoreDeps,
  orgId: string,
  refs: ReadonlyArray<MessageRef | null | undefined>,
  replacement: Message,
  context: object,
  replacedByReply?: MessageRef,
): Promise<void> {
  if (!deps.platform.updateMessage) return;
  for (const ref of new Set(refs.filter((r): r is MessageRef => Boolean(r) && r !== replacedByReply))) {
    try {
      await deps.platform.updateMessage(orgId, ref, replacement);
    } catch (err) {
      deps.log.warn({ err, ...context }, 'could not update a message sent earlier');
    }
  }
}
