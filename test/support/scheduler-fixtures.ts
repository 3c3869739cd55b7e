// Plug-ins for scheduler tests: a trigger source driven by real occurrence rules, a composer that
// DMs the delivery's person (or posts to its channel), and a chat platform at the network edge
// that records every call and fails with a ChatError when told to. Nothing of ours is mocked.
import type { CoreModule } from '../../src/core/commands/types';
import type { Delivery, DeliveryComposer, DeliveryKind, Trigger, TriggerSource } from '../../src/core/deliveries';
import type { Message } from '../../src/core/model';
import type { NewPerson } from '../../src/core/people/repo';
import { ChatError, type ChatPlatform, type MessageRef } from '../../src/core/ports';
import { occurrencesBetween, type OccurrenceRule } from '../../src/core/recurrence/occurrences';
import type { TestCore } from './core';
import { LOCAL_LIMITS } from '../../src/platforms/local/platform';

export interface RuleSpec {
  orgId: string;
  personId?: string;
  channel?: string;
  kind: DeliveryKind;
  /** Key prefix; the occurrence key ('2026-03-09T07:30') is appended. */
  name: string;
  rule: OccurrenceRule;
  /** Optional custom key from the occurrence (e.g. an ISO week key). */
  keyOf?: (occurrence: { key: string; date: string; at: number }) => string;
}

/** A deterministic trigger source over occurrence rules, counting how often it was asked. */
export function ruleSource(specs: RuleSpec[], name = 'test-rules', suppressible = false): TriggerSource & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  return {
    name,
    suppressible,
    calls,
    async triggers(from, to) {
      calls.push([from, to]);
      return specs.flatMap((s) =>
        occurrencesBetween(s.rule, from, to).map(
          (o): Trigger => ({
            orgId: s.orgId,
            key: `${s.kind}:${s.name}:${s.keyOf ? s.keyOf(o) : o.key}`,
            kind: s.kind,
            personId: s.personId ?? null,
            channel: s.channel ?? null,
            subject: { occurrence: o.key, date: o.date },
            dueAt: o.at,
          }),
        ),
      );
    },
  };
}

/** A fixed list of triggers, returned for windows that contain their due time. */
export function listSource(triggers: Trigger[], name = 'test-list', suppressible = false): TriggerSource {
  return {
    name,
    suppressible,
    async triggers(from, to) {
      return triggers.filter((t) => t.dueAt > from && t.dueAt <= to);
    },
  };
}

export function textMessage(text: string): Message {
  return { summary: text, blocks: [{ type: 'text', text: [text] }] };
}

export interface RecordingComposer extends DeliveryComposer {
  afterSends: Array<{ id: number; ref: MessageRef; sentAt: number }>;
}

/** Says the delivery's key to its person (or channel); skips when the subject says so. */
export function keyComposer(kind: DeliveryKind): RecordingComposer {
  const afterSends: RecordingComposer['afterSends'] = [];
  return {
    kind,
    afterSends,
    async compose(d: Delivery) {
      if (typeof d.subject.skip === 'string') return { skip: d.subject.skip };
      const message = textMessage(d.key);
      return d.personId ? { to: { personId: d.personId }, message } : { to: { channel: d.channel ?? '#general' }, message };
    },
    async afterSend(d, ref, sentAt) {
      afterSends.push({ id: d.id, ref, sentAt });
    },
  };
}

export function testModule(sources: TriggerSource[], composers: DeliveryComposer[]): CoreModule {
  return { name: 'scheduler-test', sources: () => sources, composers: () => composers };
}

export async function seedOrg(core: TestCore, orgId = 'local'): Promise<void> {
  const platform = orgId.startsWith('slack:') ? 'slack' : orgId.startsWith('teams:') ? 'teams' : 'local';
  await core.store.orgs.ensure({ id: orgId, platform, name: orgId });
}

export async function addPerson(core: TestCore, person: Partial<NewPerson> & { id: string }): Promise<void> {
  await core.store.people.ensure({ orgId: 'local', displayName: person.id.split(':').pop()!, joinedOn: '2020-01-01', role: 'leader', ...person }, null);
}

export interface EdgeCall {
  orgId: string;
  to: string;
  summary: string;
}

/**
 * A platform at the network edge: records sends and throws whatever `failWith` returns for a
 * call (a ChatError, or any error), like a remote API would.
 */
export class EdgePlatform implements ChatPlatform {
  readonly name = 'local' as const;
  readonly limits = LOCAL_LIMITS;
  readonly calls: EdgeCall[] = [];
  readonly refused: Array<EdgeCall & { error: string }> = [];
  failWith: (call: EdgeCall) => Error | undefined = () => undefined;

  async sendDirect(orgId: string, personId: string, message: Message): Promise<MessageRef> {
    return this.record({ orgId, to: personId, summary: message.summary });
  }

  async postToChannel(orgId: string, channel: string, message: Message): Promise<MessageRef> {
    return this.record({ orgId, to: channel, summary: message.summary });
  }

  sent(orgId?: string): EdgeCall[] {
    return this.calls.filter((c) => orgId === undefined || c.orgId === orgId);
  }

  private async record(call: EdgeCall): Promise<MessageRef> {
    const error = this.failWith(call);
    if (error) {
      this.refused.push({ ...call, error: error.message });
      throw error;
    }
    this.calls.push(call);
    return `ref-${this.calls.length}`;
  }
}

export const rateLimited = (ms: number) => new ChatError('rate_limited', 'ratelimited', ms);
