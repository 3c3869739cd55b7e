// Turns the text of a Teams message into a Clause5 command line: the bot's own @mention goes,
// other people's mentions become '@teams:<tenant>:<object id>' tokens, channel mentions become
// '#<channel id>', and the HTML Teams may wrap text in is removed.
import type { Activity } from '@microsoft/agents-activity';
import { normaliseAad, personIdOf } from './ids';

interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string; aadObjectId?: string };
}

/** Finds the Entra object id of a mentioned Teams user id ('29:…'), when the entity lacks it. */
export type AadLookup = (userId: string) => Promise<string | undefined>;

export interface CommandText {
  text: string;
  /** People mentioned: person id → display name, so the core can learn names it does not know. */
  mentioned: Map<string, { name?: string; userId?: string }>;
}

const ENTITY_ORGID = /^8:orgid:([0-9a-f-]{36})$/i;
const MAX_MENTIONS = 20;

export async function commandText(activity: Activity, tenantId: string, botId: string, lookupAad: AadLookup): Promise<CommandText> {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const mentioned = new Map<string, { name?: string; userId?: string }>();
  const entities = (Array.isArray(activity.entities) ? activity.entities : []) as MentionEntity[];
  for (const entity of entities.filter((e) => e?.type === 'mention').slice(0, MAX_MENTIONS)) {
    const id = entity.mentioned?.id;
    const shown = typeof entity.text === 'string' ? entity.text : undefined;
    if (!id || !shown || !text.includes(shown)) continue;
    let replacement: string;
    if (id === botId) replacement = ' ';
    else if (id.startsWith('19:')) replacement = ` #${id.split(';', 1)[0]} `;
    else {
      const name = typeof entity.mentioned?.name === 'string' ? entity.mentioned.name : undefined;
      const aad = normaliseAad(entity.mentioned?.aadObjectId) ?? normaliseAad(ENTITY_ORGID.exec(id)?.[1]) ?? normaliseAad(await lookupAad(id));
      if (aad) {
        const personId = personIdOf(tenantId, aad);
        mentioned.set(personId, { ...(name ? { name } : {}), ...(id.startsWith('29:') ? { userId: id } : {}) });
        replacement = ` @${personId} `;
      } else {
        replacement = ` @${(name ?? 'someone').trim().replace(/\s+/g, '_')} `;
      }
    }
    text = text.replace(shown, replacement);
  }
  return { text: plain(text), mentioned };
}

/** Strips HTML tags Teams may add (<p>, <div>, <br>) and decodes the common entities. */
export function plain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div)>/gi, '\n')
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
