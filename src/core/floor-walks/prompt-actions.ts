// The buttons on the weekly floor-walk prompt: Log it, Snooze, Away this week, Not this week.
// A second tap, or a tap on a week that is over, replies and changes nothing.
import type { ActionContext, ActionSpec } from '../commands/types';
import { UserError } from '../errors';
import { note, type Message, type Reply } from '../model';
import { MAX_SNOOZES, snoozePrompt } from '../prompts/lifecycle-deliveries';
import { loadCalendar } from '../people/calendar';
import { addDays, localDateOf, localParts, weekdayName, weekRange } from '../time';
import { alreadyAnsweredText, WALK_ACTIONS } from './prompt-message';
import { retirePromptMessage } from './walk-kind';
import type { Prompt } from './repo';
import { walkForm } from './walk-form';
import { nextOwedSlot, weekClock, weekEndInstant, weekNumber, weekSubject } from './week';

export { MAX_SNOOZES };

type Loaded = { prompt: Prompt; weekKey: string } | { reply: Reply };

async function loadOpenPrompt(ctx: ActionContext): Promise<Loaded> {
  const weekKey = ctx.value.trim();
  if (!/^\d{4}-W\d{2}$/.test(weekKey)) throw new UserError('That button is out of date. Type /clause5 floorwalk to log a walk.');
  const { deps, actor } = ctx;
  const prompt = await deps.store.prompts.find(actor.org.id, actor.person.id, 'floorwalk', weekSubject(weekKey));
  if (!prompt) {
    return {
      reply: { message: note(`I have no floor-walk question for you for week ${weekNumber(weekKey)}. You can log a walk any time with /clause5 floorwalk.`) },
    };
  }
  if (prompt.status !== 'open') return { reply: { message: note(alreadyAnsweredText(prompt, weekKey)) } };
  if (deps.clock.now() >= weekEndInstant(weekKey, actor.zone)) {
    return { reply: { message: note(`Week ${weekNumber(weekKey)} is over — nothing changed. You can still log a walk any time with /clause5 floorwalk.`) } };
  }
  return { prompt, weekKey };
}

/** The answered prompt's reply: the reply replaces the message pressed, and every other message about the prompt is updated. */
async function answered(ctx: ActionContext, prompt: Prompt, shown: Message): Promise<Reply> {
  await retirePromptMessage(ctx.deps, prompt, shown, ctx.pressed);
  return { replaceOriginal: shown };
}

/** Answers the prompt unless someone (another tap) answered it first. */
async function answer(ctx: ActionContext, prompt: Prompt, weekKey: string, value: string): Promise<Reply | undefined> {
  const answered = await ctx.deps.store.prompts.answer(ctx.actor.org.id, prompt.id, value, ctx.deps.clock.now());
  if (answered) return undefined;
  const now = (await ctx.deps.store.prompts.get(ctx.actor.org.id, prompt.id)) ?? prompt;
  return { message: note(alreadyAnsweredText(now, weekKey)) };
}

/** +24 h when that lands on an owed day, else the next owed morning in the same week; undefined when none is left. */
async function snoozeUntil(ctx: ActionContext, weekKey: string): Promise<number | undefined> {
  const { deps, actor } = ctx;
  const now = deps.clock.now();
  const calendar = await loadCalendar(deps, actor.person, localDateOf(now, actor.zone), weekRange(weekKey).to);
  return nextOwedSlot(now, weekClock(weekKey, actor.zone), calendar);
}

const logIt: ActionSpec = {
  id: WALK_ACTIONS.log,
  async run(ctx) {
    const loaded = await loadOpenPrompt(ctx);
    if ('reply' in loaded) return loaded.reply;
    return { openForm: await walkForm(ctx.deps, ctx.actor, loaded.prompt.id) };
  },
};

const tooManySnoozes = `You've snoozed this ${MAX_SNOOZES} times already. Log the walk now, or tap Away this week / Not this week.`;

const snooze: ActionSpec = {
  id: WALK_ACTIONS.snooze,
  async run(ctx) {
    const loaded = await loadOpenPrompt(ctx);
    if ('reply' in loaded) return loaded.reply;
    const { prompt, weekKey } = loaded;
    if (prompt.snoozeCount >= MAX_SNOOZES) return { message: note(tooManySnoozes) };
    const until = await snoozeUntil(ctx, weekKey);
    if (until === undefined) {
      return {
        message: note(
          `There's no work day left in week ${weekNumber(weekKey)} to remind you on — nothing changed. Log it now, or tap Away this week / Not this week.`,
        ),
      };
    }
    const snoozed = await snoozePrompt(ctx.deps, prompt, until, ctx.actor.person.id);
    if ('refused' in snoozed) {
      if (snoozed.refused === 'limit') return { message: note(tooManySnoozes) };
      return { message: note(alreadyAnsweredText((await ctx.deps.store.prompts.get(ctx.actor.org.id, prompt.id)) ?? prompt, weekKey)) };
    }
    const at = localParts(until, ctx.actor.zone);
    return {
      replaceOriginal: note(`Floor walk, week ${weekNumber(weekKey)}: snoozed — I'll ask again on ${weekdayName(at.weekday)} ${at.date} at ${at.time}.`),
    };
  },
};

const away: ActionSpec = {
  id: WALK_ACTIONS.away,
  async run(ctx) {
    const loaded = await loadOpenPrompt(ctx);
    if ('reply' in loaded) return loaded.reply;
    const { prompt, weekKey } = loaded;
    const refused = await answer(ctx, prompt, weekKey, 'away');
    if (refused) return refused;
    const week = weekRange(weekKey);
    // The leader's own away excuses only what is still ahead: from tomorrow (owed days are whole days).
    const tomorrow = addDays(localDateOf(ctx.deps.clock.now(), ctx.actor.zone), 1);
    const from = week.from > tomorrow ? week.from : tomorrow;
    const to = week.to;
    const label = `Floor walk, week ${weekNumber(weekKey)}`;
    if (from > to) {
      return answered(
        ctx,
        prompt,
        note(`${label}: noted that you're away. The week is nearly over, so nothing is left to excuse — the days so far still count.`),
      );
    }
    await ctx.deps.store.away.add(
      ctx.actor.org.id,
      { personId: ctx.actor.person.id, fromDate: from, toDate: to, reason: `away (floor-walk prompt, week ${weekKey})` },
      ctx.actor.person.id,
    );
    const earlier =
      from > week.from ? ` Days before ${from} still count; a quality manager can record an absence that already started.` : ' This week is excused.';
    return answered(ctx, prompt, note(`${label}: you're marked away ${from} – ${to}.${earlier}`));
  },
};

const none: ActionSpec = {
  id: WALK_ACTIONS.none,
  async run(ctx) {
    const loaded = await loadOpenPrompt(ctx);
    if ('reply' in loaded) return loaded.reply;
    const { prompt, weekKey } = loaded;
    const refused = await answer(ctx, prompt, weekKey, 'no_walk');
    if (refused) return refused;
    return answered(
      ctx,
      prompt,
      note(`Floor walk, week ${weekNumber(weekKey)}: no walk this week — noted. You can still log one any time with /clause5 floorwalk.`),
    );
  },
};

export const walkPromptActions: ActionSpec[] = [logIt, snooze, away, none];
