// Submitting the floor-walk form: check every field, store the walk with its follow-ups, answer
// the week's prompt and tell the follow-up owners.
import type { FormContext } from '../commands/types';
import type { CoreDeps } from '../deps';
import { isUserError } from '../errors';
import { followUpPairRefusal } from '../limits';
import { message, type Block, type FormValues, type Reply } from '../model';
import { resolvePerson } from '../people/resolve';
import { pickTags } from '../tags';
import { addDays, isoWeekKey, isValidDate, localDateOf, type LocalDate, normaliseDate } from '../time';
import { followUpLine } from './format';
import { notifyOwners } from './followup-service';
import { walkLoggedMessage } from './prompt-message';
import { retirePromptMessage } from './walk-kind';
import type { FollowUp, NewFloorWalk } from './repo';
import { AREA_MAX, FOLLOWUP_TEXT_MAX, followUpFields, MAX_WALK_FOLLOWUPS, NOTES_MAX, parseWalkFormState, WALK_MAX_AGE_DAYS, walkTagOptions } from './walk-form';
import { weekSubject } from './week';

export function one(values: FormValues, id: string): string {
  const v = values[id];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

export function many(values: FormValues, id: string): string[] {
  const v = values[id];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(/[\s,]+/)).map((s) => s.trim().replace(/^#/, '')).filter(Boolean);
}

export type Errors = Record<string, string>;
type PlannedFollowUp = { raisedBy: string; ownerId: string; text: string; dueDate: LocalDate };

export function checkWalkDate(raw: string, today: LocalDate, errors: Errors, keep?: LocalDate): LocalDate {
  const date = normaliseDate(raw) || today;
  if (keep !== undefined && date === keep) return date; // a correction may keep the walk's own date
  const earliest = addDays(today, -WALK_MAX_AGE_DAYS);
  if (!isValidDate(date)) errors.date = `“${raw}” is not a date — use YYYY-MM-DD (or MM/DD/YYYY), e.g. ${today}.`;
  else if (date > today) errors.date = `The walk date can't be in the future (today is ${today}).`;
  else if (date < earliest) errors.date = `That is more than ${WALK_MAX_AGE_DAYS} days ago — log walks from ${earliest} on.`;
  return date;
}

async function checkFollowUps(ctx: FormContext, today: LocalDate, errors: Errors): Promise<PlannedFollowUp[]> {
  const planned: PlannedFollowUp[] = [];
  for (let n = 1; n <= MAX_WALK_FOLLOWUPS; n++) {
    const ids = followUpFields(n);
    const text = one(ctx.values, ids.text);
    const ownerRaw = one(ctx.values, ids.owner);
    const dueTyped = one(ctx.values, ids.due);
    const due = normaliseDate(dueTyped);
    if (!text && !ownerRaw && !due) continue;
    if (!text) errors[ids.text] = `Describe follow-up action ${n}, or clear its owner and due date.`;
    else if (text.length > FOLLOWUP_TEXT_MAX) errors[ids.text] = `Keep follow-up action ${n} under ${FOLLOWUP_TEXT_MAX} characters.`;
    let ownerId: string | undefined;
    let ownerName = ownerRaw;
    if (!ownerRaw) errors[ids.owner] = `Who owns follow-up action ${n}? Pick an owner.`;
    else {
      try {
        const owner = await resolvePerson(ctx.deps, ctx.actor.org.id, ownerRaw);
        ownerId = owner.id;
        ownerName = owner.displayName;
      } catch (error) {
        if (!isUserError(error)) throw error;
        errors[ids.owner] = error.message;
      }
    }
    if (!due) errors[ids.due] = `When is follow-up action ${n} due? Pick a date.`;
    else if (!isValidDate(due)) errors[ids.due] = `“${dueTyped}” is not a date — use YYYY-MM-DD (or MM/DD/YYYY), e.g. ${today}.`;
    else if (due < today) errors[ids.due] = `The due date ${due} is in the past — pick today (${today}) or later.`;
    if (text && ownerId && due) {
      const open = (await ctx.deps.store.followUps.countOpenBetween(ctx.actor.org.id, ctx.actor.person.id, ownerId)) + 1;
      const refusal = followUpPairRefusal(open + planned.filter((p) => p.ownerId === ownerId).length, ownerName);
      if (refusal) errors[ids.owner] = refusal;
      planned.push({ raisedBy: ctx.actor.person.id, ownerId, text, dueDate: due });
    }
  }
  return planned;
}

export async function checkTags(deps: CoreDeps, orgId: string, raw: string[], errors: Errors): Promise<string[]> {
  if (raw.length === 0) return [];
  const options = await walkTagOptions(deps, orgId);
  const { tags, unknown } = pickTags(raw, options);
  if (unknown.length) {
    errors.tags = `I don't know the tag${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `“${t}”`).join(', ')}. Choose from: ${options.map((o) => o.value).join(', ')}.`;
  }
  return tags;
}

export async function submitWalk(ctx: FormContext): Promise<Reply> {
  const { deps, actor } = ctx;
  const orgId = actor.org.id;
  const now = deps.clock.now();
  const today = localDateOf(now, actor.zone);
  const state = parseWalkFormState(ctx.state);
  const fromPrompt = state.p !== undefined ? await deps.store.prompts.get(orgId, state.p) : undefined;
  if (fromPrompt && fromPrompt.personId === actor.person.id && fromPrompt.answer === 'logged') {
    return {
      message: message('Already logged', [
        {
          type: 'text',
          text: ['You already logged a walk from this prompt — nothing new was recorded. To log another walk, type ', { bold: '/clause5 floorwalk' }, '.'],
        },
      ]),
    };
  }

  const errors: Errors = {};
  const area = one(ctx.values, 'area');
  if (!area) errors.area = 'Say which area you walked, e.g. “Line 3 assembly”.';
  else if (area.length > AREA_MAX) errors.area = `Keep the area under ${AREA_MAX} characters.`;
  const walkDate = checkWalkDate(one(ctx.values, 'date'), today, errors);
  const wentWell = one(ctx.values, 'wentWell');
  const concerns = one(ctx.values, 'concerns');
  if (wentWell.length > NOTES_MAX) errors.wentWell = `Keep this under ${NOTES_MAX} characters.`;
  if (concerns.length > NOTES_MAX) errors.concerns = `Keep this under ${NOTES_MAX} characters.`;
  const planned = await checkFollowUps(ctx, today, errors);
  const tags = await checkTags(deps, orgId, many(ctx.values, 'tags'), errors);
  if (Object.keys(errors).length) return { formErrors: errors };

  const weekKey = isoWeekKey(walkDate);
  const walk: NewFloorWalk = {
    orgId,
    personId: actor.person.id,
    area,
    walkDate,
    weekKey,
    wentWell: wentWell || null,
    concerns: concerns || null,
    tags,
    source: fromPrompt ? 'prompt' : 'adhoc',
  };
  // The week's open prompt is answered "logged" in the walk's own transaction.
  const created = await deps.store.walks.create(walk, planned, actor.person.id, { kind: 'floorwalk', subject: weekSubject(weekKey), answer: 'logged' });
  if (created.closedPrompt) await retirePromptMessage(deps, created.closedPrompt, walkLoggedMessage(weekKey, area, walkDate));
  await notifyOwners(deps, created.followUps);
  return { message: walkSummary(created.walk.area, walkDate, weekKey, tags, created.followUps, today) };
}

function walkSummary(area: string, date: LocalDate, weekKey: string, tags: string[], followUps: FollowUp[], today: LocalDate) {
  const blocks: Block[] = [
    {
      type: 'facts',
      facts: [
        { label: 'Area', value: [area] },
        { label: 'Date', value: [`${date} (${weekKey})`] },
        ...(tags.length ? [{ label: 'Tags', value: [tags.map((t) => `#${t}`).join(' ')] }] : []),
      ],
    },
  ];
  if (followUps.length) {
    blocks.push({ type: 'text', text: [{ bold: `Follow-up actions (${followUps.length})` }] });
    blocks.push({ type: 'list', items: followUps.map((f) => followUpLine(f, today)) });
    blocks.push({ type: 'context', text: ['I’ve sent each owner a message and will remind them from the due date until the action is closed.'] });
  }
  return message(`Floor walk logged: ${area} on ${date}`, blocks, 'Floor walk logged');
}
