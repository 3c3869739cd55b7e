// One ChatPlatform that forwards each call to the platform owning the organisation id's prefix
// ('slack:…', 'teams:…', anything else is local).
import type { Message } from '../core/model';
import { platformOf, type PersonProfile, type PlatformName } from '../core/people/types';
import { ChatError, type ChatPlatform, type MessageRef, type PlatformLimits, type SendOptions, type SentTarget } from '../core/ports';

export class PlatformRouter implements ChatPlatform {
  readonly name = 'local' as const;
  private readonly platforms = new Map<PlatformName, ChatPlatform>();

  constructor(platforms: ChatPlatform[] = []) {
    for (const p of platforms) this.add(p);
  }

  add(platform: ChatPlatform): void {
    this.platforms.set(platform.name, platform);
  }

  /** The strictest of every routed platform's limits (for a caller that does not name an organisation). */
  get limits(): PlatformLimits {
    const all = [...this.platforms.values()].map((p) => p.limits);
    if (all.length === 0) throw new Error('no platform is routed yet');
    return {
      messageBlocks: Math.min(...all.map((l) => l.messageBlocks)),
      pickerOptions: Math.min(...all.map((l) => l.pickerOptions)),
      buttonValue: Math.min(...all.map((l) => l.buttonValue)),
    };
  }

  /** The limits of the platform that owns the organisation. */
  limitsFor(orgId: string): PlatformLimits {
    return this.platforms.get(platformOf(orgId))?.limits ?? this.limits;
  }

  has(name: PlatformName): boolean {
    return this.platforms.has(name);
  }

  private for(orgId: string): ChatPlatform {
    const p = this.platforms.get(platformOf(orgId));
    if (!p) throw new ChatError('unreachable', `no ${platformOf(orgId)} connection is configured for ${orgId}`);
    return p;
  }

  sendDirect(orgId: string, personId: string, message: Message, options?: SendOptions): Promise<MessageRef> {
    return this.for(orgId).sendDirect(orgId, personId, message, options);
  }

  postToChannel(orgId: string, channel: string, message: Message, options?: SendOptions): Promise<MessageRef> {
    return this.for(orgId).postToChannel(orgId, channel, message, options);
  }

  /** The owning platform's lookup; undefined (not found) when that platform has none. */
  async findSent(orgId: string, target: SentTarget, deliveryKey: string, sinceMs: number): Promise<MessageRef | undefined> {
    const p = this.for(orgId);
    return p.findSent?.(orgId, target, deliveryKey, sinceMs);
  }

  async updateMessage(orgId: string, ref: MessageRef, message: Message): Promise<void> {
    const p = this.for(orgId);
    if (p.updateMessage) await p.updateMessage(orgId, ref, message);
  }

  async lookupPerson(orgId: string, personId: string): Promise<PersonProfile | undefined> {
    const p = this.platforms.get(platformOf(orgId));
    return p?.lookupPerson?.(orgId, personId);
  }
}
