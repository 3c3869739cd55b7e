// Admin commands for retention and erasure: `admin retention [<kind> <duration|keep>]` and
// `admin person erase @x` (asks first: [Erase] [Cancel]).
import type { ActionSpec, CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { message, note, text, type RichText } from '../model';
import { oneMention } from '../people/access';
import { resolvePerson } from '../people/resolve';
import { parseRetention, RETENTION_KINDS, RETENTION_WHAT, type RetentionKind, type RetentionSettings } from './policy';

export const ERASE_CONFIRM_ACTION = 'person.erase.confirm';
export const ERASE_CANCEL_ACTION = 'person.erase.cancel';

function settingsText(settings: RetentionSettings): RichText {
  const lines = RETENTION_KINDS.map((k) => `• ${k}: ${settings[k] ? `removed after ${settings[k]}` : 'kept'} — ${RETENTION_WHAT[k]}`);
  return [lines.join('\n')];
}

export const adminRetention: CommandSpec = {
  path: ['admin', 'retention'],
  usage: `admin retention [<${RETENTION_KINDS.join('|')}> <duration, e.g. 3y|keep>]`,
  summary: 'how long each kind of record is kept (default: always); older records are removed once a day, and the removal is in the tamper-evident record',
  group: 'Admin',
  access: 'admin',
  async run({ actor, deps, args }) {
    const usage = adminRetention.usage;
    const kindWord = args.next();
    const current = actor.org.settings.retention ?? {};
    if (kindWord === undefined) {
      return {
        message: message('Retention', [
          text({ bold: 'How long records are kept' }),
          text(...settingsText(current)),
          text('Change one with /clause5 ', { bold: 'admin retention prompts 3y' }, ' (or keep).'),
        ]),
      };
    }
    const kind = kindWord.toLowerCase() as RetentionKind;
    if (!RETENTION_KINDS.includes(kind))
      throw new UserError(`“${kindWord}” is not a kind of record — use one of ${RETENTION_KINDS.join(', ')}. Usage: ${usage}`);
    const value = args.required(`How long? e.g. admin retention ${kind} 3y (or keep). Usage: ${usage}`);
    args.done(usage);
    const keep = /^(keep|always|forever|none)$/i.test(value);
    if (!keep) parseRetention(value);
    const retention: RetentionSettings = { ...current, [kind]: keep ? undefined : value.toLowerCase() };
    if (keep) delete retention[kind];
    await deps.store.orgs.updateSettings(actor.org.id, { retention }, actor.person.id);
    return {
      message: keep
        ? note(`${kind}: kept (nothing is removed).`)
        : note(
            `${kind}: ${RETENTION_WHAT[kind]}, older than ${value.toLowerCase()}, will be removed in the nightly run. What the audit log kept of them is blanked; the log itself and its chain stay.`,
          ),
    };
  },
};

export const adminPersonErase: CommandSpec = {
  path: ['admin', 'person', 'erase'],
  usage: 'admin person erase @person',
  summary: 'erase someone’s personal data: their name becomes “Erased person N” and their notes “(erased)”; counts and dates stay (asks first)',
  group: 'Admin',
  access: 'admin',
  async run({ actor, deps, args }) {
    const ref = oneMention(args.mentions(), adminPersonErase.usage);
    args.done(adminPersonErase.usage);
    const person = await resolvePerson(deps, actor.org.id, ref);
    if (await deps.store.privacy.isErased(actor.org.id, person.id)) throw new UserError(`${person.displayName} was erased already.`);
    return {
      message: message(`Erase ${person.displayName}?`, [
        text(
          { bold: `Erase ${person.displayName}? ` },
          'Their name becomes a pseudonym and the text they wrote (walk notes, wins, follow-ups, meeting topics, away reasons) becomes “(erased)”, here and in the audit log. Counts and dates stay, so past scorecards and evidence packs still add up. This cannot be undone.',
        ),
        {
          type: 'buttons',
          buttons: [
            { label: 'Erase', action: ERASE_CONFIRM_ACTION, value: person.id, style: 'danger' },
            { label: 'Cancel', action: ERASE_CANCEL_ACTION, value: 'cancel' },
          ],
        },
      ]),
    };
  },
};

export const eraseConfirmAction: ActionSpec = {
  id: ERASE_CONFIRM_ACTION,
  access: 'admin',
  async run({ actor, deps, value }) {
    const person = await deps.store.people.get(actor.org.id, value);
    if (!person) throw new UserError('That person is no longer here.');
    const before = person.displayName;
    const summary = await deps.store.privacy.erase(actor.org.id, person.id, actor.person.id);
    const changed = Object.values(summary.records).reduce((a, b) => a + b, 0);
    return {
      replaceOriginal: note(
        `${before} is now “${summary.pseudonym}”: ${changed} records and ${summary.entries} audit entries rewritten. The erasure is in the tamper-evident record.`,
      ),
    };
  },
};

export const eraseCancelAction: ActionSpec = {
  id: ERASE_CANCEL_ACTION,
  access: 'admin',
  async run() {
    return { replaceOriginal: note('Not erased — nothing was changed.') };
  },
};
