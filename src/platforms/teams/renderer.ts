// Renders core messages and forms into size-checked Adaptive Cards for one organisation: looks
// up the display names (and Teams ids) of mentioned people and the names of known channels.
import { previewText, type Form, type Message } from '../../core/model';
import type { Store } from '../../core/ports';
import { renderForm, type FormRenderOptions } from './cards/form';
import { renderMessage, type PersonRef, type RenderContext } from './cards/render';
import { fitCard } from './cards/size';
import type { AdaptiveCard } from './cards/types';
import type { TeamsConversationState } from '../state';
import { aadObjectIdOf, normaliseChannelId, tenantOf } from './ids';

export class TeamsRenderer {
  constructor(
    private readonly store: Store,
    private readonly conversations: TeamsConversationState,
  ) {}

  async messageCard(orgId: string, message: Message): Promise<AdaptiveCard> {
    return fitCard(renderMessage(message, await this.context(orgId, message.blocks)));
  }

  /** Notification preview of a message, with people's display names (never internal ids). */
  async preview(orgId: string, message: Message): Promise<string> {
    const context = await this.context(orgId, message.blocks);
    return previewText(message, (id) => context.people.get(id)?.name ?? 'someone');
  }

  async formCard(orgId: string, form: Form, options: Omit<FormRenderOptions, 'names'> = {}): Promise<AdaptiveCard> {
    const context = await this.context(orgId, form.intro ? [{ type: 'text', text: form.intro }] : [], personValues(form, options));
    const names = (id: string) => context.people.get(id)?.name;
    return fitCard(renderForm(form, context, { ...options, names }));
  }

  /** Names and Teams ids of the people mentioned (or picked in a form), and known channel names. */
  private async context(orgId: string, blocks: Message['blocks'], extraPeople: string[] = []): Promise<RenderContext> {
    const ids = new Set<string>(extraPeople);
    const channels = new Set<string>();
    const visit = (spans: readonly unknown[]) => {
      for (const s of spans) {
        if (s && typeof s === 'object' && 'mention' in s) ids.add(String((s as { mention: unknown }).mention));
        if (s && typeof s === 'object' && 'channel' in s) channels.add(normaliseChannelId(String((s as { channel: unknown }).channel)));
      }
    };
    for (const b of blocks) {
      if (b.type === 'text' || b.type === 'context') visit(b.text);
      else if (b.type === 'list') for (const item of b.items) visit(item);
      else if (b.type === 'facts') for (const f of b.facts) visit(f.value);
    }
    const tenant = tenantOf(orgId);
    const people = new Map<string, PersonRef>();
    for (const id of ids) {
      const person = await this.store.people.get(orgId, id);
      const name = person?.displayName ?? (await this.conversations.get(orgId, 'person', id))?.name ?? id.split(':').pop()!;
      const aad = id.startsWith(`teams:${tenant}:`) ? aadObjectIdOf(id) : undefined;
      people.set(id, aad ? { name, aadObjectId: aad } : { name });
    }
    const channelNames = new Map<string, string>();
    for (const c of channels) {
      const name = (await this.conversations.get(orgId, 'channel', c))?.name;
      if (name) channelNames.set(c, name);
    }
    return { people, channelName: (id) => channelNames.get(normaliseChannelId(id)) };
  }
}

/** Person ids shown in a form's person fields (initial or submitted values). */
function personValues(form: Form, options: Omit<FormRenderOptions, 'names'>): string[] {
  const out: string[] = [];
  for (const field of form.fields) {
    if (field.kind !== 'person' && field.kind !== 'people') continue;
    const value = options.values?.[field.id] ?? field.initial;
    for (const v of Array.isArray(value) ? value : value ? [value] : []) if (v.startsWith('teams:')) out.push(v);
  }
  return out;
}
