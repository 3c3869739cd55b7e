// The "log a floor walk" form (Slack modal, Teams Adaptive Card, terminal questions).
import type { Actor } from '../commands/types';
import type { CoreDeps } from '../deps';
import type { FieldOption, Form, FormField } from '../model';
import { tagOptions } from '../tags';
import { addDays, localDateOf } from '../time';

export const WALK_FORM_ID = 'floorwalk.log';
export const MAX_WALK_FOLLOWUPS = 3;
export const AREA_MAX = 200;
export const NOTES_MAX = 2000;
export const FOLLOWUP_TEXT_MAX = 500;
/** How far back a walk may be logged, in days. */
export const WALK_MAX_AGE_DAYS = 30;

/** Field ids of follow-up action n (1-based). */
export function followUpFields(n: number): { text: string; owner: string; due: string } {
  return { text: `followup${n}`, owner: `followup${n}Owner`, due: `followup${n}Due` };
}

export async function walkTagOptions(deps: CoreDeps, orgId: string): Promise<FieldOption[]> {
  return tagOptions(await deps.store.objectives.listActive(orgId));
}

export interface WalkFormState {
  /** The floor-walk prompt the form was opened from, if any. */
  p?: number;
}

export function parseWalkFormState(state: string): WalkFormState {
  try {
    const parsed = JSON.parse(state || '{}') as { p?: unknown };
    return typeof parsed.p === 'number' && Number.isInteger(parsed.p) ? { p: parsed.p } : {};
  } catch {
    return {};
  }
}

export async function walkForm(deps: CoreDeps, actor: Actor, promptId?: number): Promise<Form> {
  const today = localDateOf(deps.clock.now(), actor.zone);
  const fields: FormField[] = [
    { id: 'area', label: 'Area', kind: 'text', maxLength: AREA_MAX, placeholder: 'Line 3 assembly' },
    {
      id: 'date',
      label: 'Date of the walk',
      kind: 'date',
      initial: today,
      hint: `Today or up to ${WALK_MAX_AGE_DAYS} days back`,
      earliest: addDays(today, -WALK_MAX_AGE_DAYS),
      latest: today,
    },
    { id: 'wentWell', label: 'What went well', kind: 'textarea', optional: true, maxLength: NOTES_MAX },
    { id: 'concerns', label: 'Concerns', kind: 'textarea', optional: true, maxLength: NOTES_MAX },
  ];
  for (let n = 1; n <= MAX_WALK_FOLLOWUPS; n++) {
    const ids = followUpFields(n);
    fields.push(
      {
        id: ids.text,
        label: `Follow-up action ${n}`,
        kind: 'text',
        optional: true,
        maxLength: FOLLOWUP_TEXT_MAX,
        ...(n === 1 ? { placeholder: 'Replace the worn guard on press 4' } : {}),
      },
      { id: ids.owner, label: `Owner of action ${n}`, kind: 'person', optional: true, askIf: ids.text, hint: `Needed when action ${n} is filled in` },
      { id: ids.due, label: `Due date of action ${n}`, kind: 'date', optional: true, askIf: ids.text, hint: 'Today or later', earliest: today },
    );
  }
  fields.push({ id: 'tags', label: 'Tags', kind: 'multiselect', optional: true, options: await walkTagOptions(deps, actor.org.id) });
  return {
    id: WALK_FORM_ID,
    title: 'Log a floor walk',
    submitLabel: 'Save walk',
    intro: ['What did you see on the floor? Follow-up actions need an owner and a due date; I’ll remind the owners.'],
    fields,
    state: JSON.stringify(promptId !== undefined ? { p: promptId } : {}),
  };
}
