// The "post a win" form (Slack modal, Teams card, terminal questions). Opened by '/clause5 win'
// with no text, or pre-filled by a platform's message shortcut with the message's text.
import type { Actor, FormSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import type { Form, FormField, FormValues } from '../model';
import { checkPeoplePerWin } from '../limits';
import { resolvePerson } from '../people/resolve';
import type { Person, Team } from '../people/types';
import { defaultTeam, METRIC_MAX, postedReply, postWin, WIN_TEXT_MAX } from './post';
import { tagOptions } from '../tags';
import { limitsFor } from '../ports';

export const WIN_FORM_ID = 'win.new';

export interface WinPrefill {
  people?: string[];
  teamId?: number | null;
  tags?: string[];
  metric?: string;
}

/** The win form for `actor`, optionally pre-filled (message shortcut text, or what a command already said). */
export async function winFormFor(deps: CoreDeps, actor: Actor, prefillText?: string, sourceRef?: string, prefill: WinPrefill = {}): Promise<Form> {
  const orgId = actor.org.id;
  const maxOptions = limitsFor(deps.platform, orgId).pickerOptions;
  const [teams, objectives] = await Promise.all([deps.store.teams.list(orgId), deps.store.objectives.listActive(orgId)]);
  const what = prefillText?.trim().slice(0, WIN_TEXT_MAX);
  const fields: FormField[] = [
    {
      id: 'what',
      label: 'What happened?',
      kind: 'textarea',
      maxLength: WIN_TEXT_MAX,
      placeholder: 'Line 3 cut changeover time by 20 minutes',
      ...(what ? { initial: what } : {}),
    },
    { id: 'people', label: 'Who made it happen?', kind: 'people', optional: true, ...(prefill.people?.length ? { initial: prefill.people } : {}) },
  ];
  const teamId = prefill.teamId !== undefined ? prefill.teamId : actor.person.teamId;
  if (teams.length) {
    fields.push({
      id: 'team',
      label: 'Team',
      kind: 'select',
      optional: true,
      options: teams.slice(0, maxOptions).map((t) => ({ value: String(t.id), label: t.name.slice(0, 75) })),
      ...(teamId !== null && teams.slice(0, maxOptions).some((t) => t.id === teamId) ? { initial: String(teamId) } : {}),
    });
  }
  const options = tagOptions(objectives).slice(0, maxOptions);
  const initialTags = (prefill.tags ?? []).filter((t) => options.some((o) => o.value === t));
  fields.push(
    { id: 'tags', label: 'Tags', kind: 'multiselect', optional: true, options, ...(initialTags.length ? { initial: initialTags } : {}) },
    {
      id: 'metric',
      label: 'Metric',
      kind: 'text',
      optional: true,
      maxLength: METRIC_MAX,
      placeholder: 'scrap −12 %',
      ...(prefill.metric ? { initial: prefill.metric.slice(0, METRIC_MAX) } : {}),
    },
  );
  return {
    id: WIN_FORM_ID,
    title: 'Celebrate a win',
    submitLabel: 'Post win',
    intro: ['Recognise a team win: I’ll celebrate it in the site’s wins channel and mention the people.'],
    fields,
    state: JSON.stringify(sourceRef ? { sourceRef } : {}),
  };
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((v) => v.trim()).filter(Boolean);
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function sourceRefOf(state: string): string | null {
  try {
    const parsed = JSON.parse(state || '{}') as { sourceRef?: unknown };
    return typeof parsed.sourceRef === 'string' ? parsed.sourceRef : null;
  } catch {
    return null;
  }
}

async function peopleFrom(deps: CoreDeps, actor: Actor, values: FormValues): Promise<Person[]> {
  const refs = [...new Set(list(values.people))];
  checkPeoplePerWin(refs.length, 'people');
  const people: Person[] = [];
  for (const ref of refs) {
    try {
      people.push(await resolvePerson(deps, actor.org.id, ref));
    } catch (error) {
      if (error instanceof UserError) throw new UserError(error.message, 'people');
      throw error;
    }
  }
  return people;
}

async function teamFrom(deps: CoreDeps, actor: Actor, values: FormValues, people: Person[]): Promise<Team | null> {
  const raw = single(values.team);
  if (!raw) return defaultTeam(deps, actor, people);
  const team = /^\d+$/.test(raw) ? await deps.store.teams.get(actor.org.id, Number(raw)) : await deps.store.teams.findByName(actor.org.id, raw);
  if (!team) throw new UserError(`I don't know the team “${raw}”. Pick one from the list.`, 'team');
  return team;
}

export const winForm: FormSpec = {
  id: WIN_FORM_ID,
  access: 'anyone',
  async submit({ actor, deps, values, state }) {
    const people = await peopleFrom(deps, actor, values);
    const team = await teamFrom(deps, actor, values, people);
    const posted = await postWin(deps, actor, {
      text: single(values.what),
      people,
      team,
      tags: list(values.tags),
      metric: single(values.metric),
      sourceRef: sourceRefOf(state),
    });
    return postedReply(deps, actor, posted);
  },
};
