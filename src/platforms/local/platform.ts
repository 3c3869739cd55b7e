// Local mode's chat platform: messages go to an in-memory mailbox that the terminal chat prints
// and that tests read. No credentials, no network.
import { EventEmitter } from 'node:events';
import type { Message } from '../../core/model';
import { ChatError, type ChatPlatform, type Clock, type MessageRef, type PlatformLimits } from '../../core/ports';

export interface LocalMessage {
  /** Sequence number shown in the terminal, e.g. #12. */
  seq: number;
  orgId: string;
  /** Recipient: a person id for direct messages, or '#channel'. */
  to: string;
  message: Message;
  at: number;
  /** Set when the message was replaced by an update. */
  updatedAt?: number;
}

/** The terminal has no limits of its own; local mode keeps to Slack's so that it shows what a chat would. */
export const LOCAL_LIMITS: PlatformLimits = Object.freeze({ messageBlocks: 50, pickerOptions: 100, buttonValue: 2000 });

export class LocalPlatform implements ChatPlatform {
  readonly name = 'local' as const;
  readonly limits = LOCAL_LIMITS;
  private readonly events = new EventEmitter();
  private readonly messages: LocalMessage[] = [];
  private readonly unreachable = new Set<string>();

  constructor(private readonly clock: Clock) {}

  async sendDirect(orgId: string, personId: string, message: Message): Promise<MessageRef> {
    if (this.unreachable.has(personId)) throw new ChatError('unreachable', `${personId} cannot receive messages`);
    return this.deliver(orgId, personId, message);
  }

  async postToChannel(orgId: string, channel: string, message: Message): Promise<MessageRef> {
    return this.deliver(orgId, channel.startsWith('#') ? channel : `#${channel}`, message);
  }

  async updateMessage(_orgId: string, ref: MessageRef, message: Message): Promise<void> {
    const found = this.messages.find((m) => String(m.seq) === ref);
    if (!found) throw new ChatError('not_found', `no local message ${ref}`);
    found.message = message;
    found.updatedAt = this.clock.now();
    this.events.emit('updated', found);
  }

  /** Messages sent to a person id or '#channel', oldest first. */
  inbox(to: string): LocalMessage[] {
    return this.messages.filter((m) => m.to === to);
  }

  all(): readonly LocalMessage[] {
    return this.messages;
  }

  find(seq: number): LocalMessage | undefined {
    return this.messages.find((m) => m.seq === seq);
  }

  /** Simulates a person who cannot be reached (for tests of the unreachable path). */
  setUnreachable(personId: string, unreachable = true): void {
    if (unreachable) this.unreachable.add(personId);
    else this.unreachable.delete(personId);
  }

  onMessage(listener: (m: LocalMessage) => void): () => void {
    this.events.on('message', listener);
    return () => this.events.off('message', listener);
  }

  onUpdate(listener: (m: LocalMessage) => void): () => void {
    this.events.on('updated', listener);
    return () => this.events.off('updated', listener);
  }

  private deliver(orgId: string, to: string, message: Message): MessageRef {
    const entry: LocalMessage = { seq: this.messages.length + 1, orgId, to, message, at: this.clock.now() };
    this.messages.push(entry);
    this.events.emit('message', entry);
    return String(entry.seq);
  }
}
