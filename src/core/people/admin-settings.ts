// Organisation-wide settings: weekly digest recipients and channel, scorecard weights, the
// default floor-walk slot for new leaders.
import type { CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { message, note, type RichText } from '../model';
import { normaliseTime, parseWeekday, weekdayName } from '../time';
import { oneMention } from './access';
import { isNone } from './admin-people';
import { defaultWalkSlot } from './leader';
import { parseChannel, roleName } from './parse';
import { resolvePerson } from './resolve';
import { DEFAULT_WEIGHTS, isManager, type Weights } from './types';
import { DIGEST_TIME } from '../scorecard/digest';

export const adminDigestAdd: CommandSpec = {
  path: ['admin', 'digest', 'add'],
  usage: 'admin digest add @person',
  summary: 'send someone (a quality manager or admin) the weekly scorecard digest, Mondays 08:00',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const ref = oneMention(args.mentions(), 'admin digest add @person');
    args.done('admin digest add @person');
    const person = await resolvePerson(deps, actor.org.id, ref);
    // The digest shows every leader's scorecard: quality managers' and admins' eyes only.
    if (!isManager(person)) {
      throw new UserError(
        `The digest shows every leader’s scorecard, so it goes to quality managers and admins only. ${person.displayName} is ${roleName(person.role)}; change that first with /clause5 admin role.`,
      );
    }
    await deps.store.digest.add(actor.org.id, person.id, actor.person.id);
    return { message: note({ mention: person.id }, ` will receive the weekly digest (last week’s scorecard, Mondays at ${DIGEST_TIME}).`) };
  },
};

export const adminDigestRemove: CommandSpec = {
  path: ['admin', 'digest', 'remove'],
  usage: 'admin digest remove @person',
  summary: 'stop sending someone the weekly digest',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const ref = oneMention(args.mentions(), 'admin digest remove @person');
    args.done('admin digest remove @person');
    const person = await resolvePerson(deps, actor.org.id, ref);
    const removed = await deps.store.digest.remove(actor.org.id, person.id, actor.person.id);
    if (!removed) throw new UserError(`${person.displayName} does not receive the digest. See /clause5 admin digest list.`);
    return { message: note({ mention: person.id }, ' will no longer receive the weekly digest.') };
  },
};

export const adminDigestList: CommandSpec = {
  path: ['admin', 'digest', 'list'],
  usage: 'admin digest list',
  summary: 'who receives the weekly digest, and its channel',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    args.done('admin digest list');
    const ids = await deps.store.digest.list(actor.org.id);
    const channel = actor.org.settings.digestChannel;
    const blocks = [
      {
        type: 'text' as const,
        text: ids.length
          ? (['Weekly digest recipients:'] as RichText)
          : (['Nobody receives the weekly digest yet. Add someone with /clause5 admin digest add @name.'] as RichText),
      },
      ...(ids.length ? [{ type: 'list' as const, items: ids.map((id): RichText => [{ mention: id }]) }] : []),
      {
        type: 'context' as const,
        text: (channel
          ? ['Site and organisation figures also posted to ', { channel }, ' (never a leader’s own figures).']
          : ['No digest channel (set one with /clause5 admin digest channel #name).']) as RichText,
      },
    ];
    return { message: message(`${ids.length} digest recipients`, blocks, 'Weekly digest') };
  },
};

export const adminDigestChannel: CommandSpec = {
  path: ['admin', 'digest', 'channel'],
  usage: 'admin digest channel <#channel|none>',
  summary:
    'post the weekly digest’s site and organisation figures in a channel (each leader’s own figures go only by DM to digest recipients); also the fallback for wins when a site has no wins channel',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin digest channel <#channel|none>';
    const value = args.required(`Which channel? Usage: ${usage}`);
    args.done(usage);
    const channel = isNone(value) ? undefined : parseChannel(value, usage);
    await deps.store.orgs.updateSettings(actor.org.id, { digestChannel: channel }, actor.person.id);
    return {
      message: channel
        ? note(
            'The weekly digest will also be posted in ',
            { channel },
            ' — site and organisation figures only; each leader’s own figures go only by DM to the digest recipients.',
          )
        : note('The digest is no longer posted in a channel.'),
    };
  },
};

export const adminWeights: CommandSpec = {
  path: ['admin', 'weights'],
  usage: 'admin weights [<meetings> <walks> <wins> <followups> <response>]',
  summary: `show (no numbers) or set the scorecard index weights (default ${DEFAULT_WEIGHTS.join('/')})`,
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin weights <meetings> <walks> <wins> <followups> <response>';
    const words: string[] = [];
    for (let w = args.next(); w !== undefined; w = args.next()) words.push(w);
    const labels = ['meetings', 'walks', 'wins', 'follow-ups', 'response'];
    if (words.length === 0) {
      const current = actor.org.settings.weights ?? DEFAULT_WEIGHTS;
      const which = actor.org.settings.weights ? 'Scorecard weights' : 'Scorecard weights (the defaults)';
      return { message: note(`${which}: ${current.map((w, i) => `${labels[i]} ${w}`).join(', ')}. Change them with `, { bold: usage }, '.') };
    }
    if (words.length !== 5) throw new UserError(`Give five weights, e.g. admin weights ${DEFAULT_WEIGHTS.join(' ')}. Usage: ${usage}`);
    const numbers = words.map((w) => {
      const n = /^\d+(\.\d+)?$/.test(w) ? Number(w) : NaN;
      if (!Number.isFinite(n) || n > 1000) throw new UserError(`“${w}” is not a weight — use a number from 0 to 1000.`);
      return n;
    });
    if (numbers.reduce((a, b) => a + b, 0) <= 0) throw new UserError('At least one weight must be above 0.');
    const weights = numbers as Weights;
    await deps.store.orgs.updateSettings(actor.org.id, { weights }, actor.person.id);
    return { message: note(`Scorecard weights: ${weights.map((w, i) => `${labels[i]} ${w}`).join(', ')}.`) };
  },
};

export const adminFloorwalkDefault: CommandSpec = {
  path: ['admin', 'floorwalk-default'],
  usage: 'admin floorwalk-default <day> <HH:MM>',
  summary: 'the floor-walk slot new leaders get (default Friday 14:00, local time)',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin floorwalk-default <day> <HH:MM>';
    const dayWord = args.required(`Give a day and a time. Usage: ${usage}`);
    const timeWord = args.required(`Give a time as HH:MM, e.g. 14:00. Usage: ${usage}`);
    args.done(usage);
    const weekday = parseWeekday(dayWord);
    if (weekday === undefined) throw new UserError(`“${dayWord}” is not a day of the week — use mon, tue, … sun.`);
    const time = normaliseTime(timeWord);
    if (!time) throw new UserError(`“${timeWord}” is not a time — use HH:MM, e.g. 14:00.`);
    const org = await deps.store.orgs.updateSettings(actor.org.id, { defaultWalkDay: weekday, defaultWalkTime: time }, actor.person.id);
    const slot = defaultWalkSlot(org);
    return {
      message: note(
        `New leaders will be asked about their floor walk on ${weekdayName(slot.weekday)}s at ${slot.time} (their local time). Existing leaders keep their slot.`,
      ),
    };
  },
};
