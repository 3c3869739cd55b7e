// "floorwalk edit <id>" (the walk form, prefilled; submitting stores a new version) and
// "floorwalk withdraw <id> <reason>". Earlier versions stay in the audit log (history floorwalk <id>);
// a withdrawn walk stays in the record, marked, and no longer counts for its week.
import type { Actor, CommandSpec, FormContext, FormSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { message, note, type Form, type Reply } from '../model';
import { assertMayCorrect, checkReason, parseRecordId } from '../records/permission';
import { isoWeekKey, localDateOf } from '../time';
import type { FloorWalk } from './repo';
import { AREA_MAX, NOTES_MAX, walkTagOptions } from './walk-form';
import { checkTags, checkWalkDate, many, one, type Errors } from './walk-submit';

export const WALK_EDIT_FORM_ID = 'floorwalk.edit';
const EDIT_USAGE = 'floorwalk edit <id>';
const WITHDRAW_USAGE = 'floorwalk withdraw <id> <reason>';

async function correctableWalk(deps: CoreDeps, actor: Actor, id: number): Promise<FloorWalk> {
  const walk = await deps.store.walks.get(actor.org.id, id);
  if (!walk) throw new UserError(`I can’t find floor walk #${id}. Type /clause5 floorwalk list to see the numbers.`);
  assertMayCorrect(actor, [walk.personId], `floor walk #${id}`);
  if (walk.withdrawnAt !== null)
    throw new UserError(`Floor walk #${id} was already withdrawn${walk.withdrawnReason ? ` (“${walk.withdrawnReason}”)` : ''}. See: history floorwalk ${id}`);
  return walk;
}

/** The walk form with the walk's current content, without follow-up actions (those have their own commands). */
export async function walkEditForm(deps: CoreDeps, actor: Actor, walk: FloorWalk): Promise<Form> {
  return {
    id: WALK_EDIT_FORM_ID,
    title: `Correct walk #${walk.id}`, // Slack titles hold 24 characters
    submitLabel: 'Save correction',
    intro: [`Floor walk #${walk.id}: change what needs correcting. The earlier version stays in the walk’s history with who changed it and when.`],
    fields: [
      { id: 'area', label: 'Area', kind: 'text', maxLength: AREA_MAX, initial: walk.area },
      { id: 'date', label: 'Date of the walk', kind: 'date', initial: walk.walkDate },
      { id: 'wentWell', label: 'What went well', kind: 'textarea', optional: true, maxLength: NOTES_MAX, ...(walk.wentWell ? { initial: walk.wentWell } : {}) },
      { id: 'concerns', label: 'Concerns', kind: 'textarea', optional: true, maxLength: NOTES_MAX, ...(walk.concerns ? { initial: walk.concerns } : {}) },
      { id: 'tags', label: 'Tags', kind: 'multiselect', optional: true, options: await walkTagOptions(deps, actor.org.id), initial: walk.tags },
    ],
    state: JSON.stringify({ w: walk.id }),
  };
}

function walkIdOf(state: string): number {
  try {
    const w = (JSON.parse(state || '{}') as { w?: unknown }).w;
    if (typeof w === 'number' && Number.isInteger(w)) return w;
  } catch {
    // fall through
  }
  throw new UserError('This form lost track of its walk. Type /clause5 floorwalk edit <id> again.');
}

async function submitWalkEdit(ctx: FormContext): Promise<Reply> {
  const { deps, actor } = ctx;
  const walk = await correctableWalk(deps, actor, walkIdOf(ctx.state));
  const today = localDateOf(deps.clock.now(), actor.zone);
  const errors: Errors = {};
  const area = one(ctx.values, 'area');
  if (!area) errors.area = 'Say which area you walked, e.g. “Line 3 assembly”.';
  else if (area.length > AREA_MAX) errors.area = `Keep the area under ${AREA_MAX} characters.`;
  const walkDate = checkWalkDate(one(ctx.values, 'date') || walk.walkDate, today, errors, walk.walkDate);
  const wentWell = one(ctx.values, 'wentWell');
  const concerns = one(ctx.values, 'concerns');
  if (wentWell.length > NOTES_MAX) errors.wentWell = `Keep this under ${NOTES_MAX} characters.`;
  if (concerns.length > NOTES_MAX) errors.concerns = `Keep this under ${NOTES_MAX} characters.`;
  const tags = await checkTags(deps, actor.org.id, many(ctx.values, 'tags'), errors);
  if (Object.keys(errors).length) return { formErrors: errors };
  const content = { area, walkDate, weekKey: isoWeekKey(walkDate), wentWell: wentWell || null, concerns: concerns || null, tags };
  const same = (Object.keys(content) as Array<keyof typeof content>).every((k) => JSON.stringify(content[k]) === JSON.stringify(walk[k]));
  if (same) return { message: note(`Nothing changed in floor walk #${walk.id}.`) };
  const edited = await deps.store.walks.edit(actor.org.id, walk.id, content, actor.person.id);
  if (!edited) throw new UserError(`Floor walk #${walk.id} was withdrawn a moment ago. See: history floorwalk ${walk.id}`);
  return {
    message: message(`Floor walk #${walk.id} corrected`, [
      { type: 'text', text: [`Floor walk #${walk.id} corrected: `, { bold: edited.area }, ` on ${edited.walkDate} (${edited.weekKey}).`] },
      { type: 'context', text: [`The earlier version stays in its history: /clause5 history floorwalk ${walk.id}`] },
    ]),
  };
}

const edit: CommandSpec = {
  path: ['floorwalk', 'edit'],
  usage: EDIT_USAGE,
  summary: 'Correct a floor walk (opens the form, filled in; the earlier version stays in its history)',
  group: 'Floor walks',
  async run({ deps, actor, args }) {
    const id = parseRecordId(args.next(), EDIT_USAGE);
    args.done(EDIT_USAGE);
    return { openForm: await walkEditForm(deps, actor, await correctableWalk(deps, actor, id)) };
  },
};

const withdraw: CommandSpec = {
  path: ['floorwalk', 'withdraw'],
  usage: WITHDRAW_USAGE,
  summary: 'Withdraw a floor walk logged by mistake, with a reason (it stops counting for its week)',
  group: 'Floor walks',
  async run({ deps, actor, args }) {
    const id = parseRecordId(args.next(), WITHDRAW_USAGE);
    const reason = checkReason(args.rest(), WITHDRAW_USAGE);
    const walk = await correctableWalk(deps, actor, id);
    const withdrawn = await deps.store.walks.withdraw(actor.org.id, id, reason, actor.person.id);
    if (!withdrawn) throw new UserError(`Floor walk #${id} was withdrawn a moment ago by someone else. See: history floorwalk ${id}`);
    return {
      message: note(
        `Floor walk #${id} (${walk.area}, ${walk.walkDate}) is withdrawn (“${reason}”): it no longer counts for ${walk.weekKey}. `,
        `It stays in the record: history floorwalk ${id}.`,
      ),
    };
  },
};

export const walkCorrectionCommands: CommandSpec[] = [edit, withdraw];
export const walkCorrectionForms: FormSpec[] = [{ id: WALK_EDIT_FORM_ID, submit: submitWalkEdit }];
