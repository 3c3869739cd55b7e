// The after-meeting check's buttons (Yes / No / Meeting cancelled, Add the topic) and the topic form.
import type { ActionSpec, Actor, FormSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { note, type FieldOption, type Form } from '../model';
import { pickTags, tagOptions, TOPIC_TAGS } from '../tags';
import { alreadyAnsweredMessage, assertCanAnswer, checkPromptOf, loadOccurrence, recordedMessage, refreshCheckMessage } from './answer';
import { formatWhen } from './format';
import { checkTopic, TOPIC_MAX } from './parse';
import { MEETING_ANSWERS, type MeetingAnswer } from './repo';
import { limitsFor } from '../ports';

function readJson(value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new UserError('That button is out of date. Type /clause5 meeting answer <id> yes|no|cancelled instead.');
}

const answerAction: ActionSpec = {
  id: 'meeting.answer',
  async run({ actor, deps, value }) {
    const data = readJson(value);
    const answer = data.a as MeetingAnswer;
    if (!MEETING_ANSWERS.includes(answer)) throw new UserError('That button is out of date. Type /clause5 meeting answer <id> yes|no|cancelled instead.');
    const { occurrence, meeting } = await loadOccurrence(deps, actor.org.id, Number(data.o));
    await assertCanAnswer(deps, actor, occurrence);
    const now = deps.clock.now();
    const recorded = occurrence.answer
      ? undefined
      : await deps.store.meetings.answerOccurrence(actor.org.id, occurrence.id, { answer, by: actor.person.id, at: now }, actor.person.id, {
          ifUnanswered: true,
          closes: checkPromptOf(occurrence.id, answer),
        });
    if (!recorded) {
      // A second tap (or a tap after "meeting answer"): keep the first answer and say so.
      const current = (await deps.store.meetings.getOccurrence(actor.org.id, occurrence.id))!;
      return { message: await alreadyAnsweredMessage(deps, actor, meeting, current), replaceOriginal: recordedMessage(meeting, current) };
    }
    return { replaceOriginal: recordedMessage(meeting, recorded) };
  },
};

async function topicTagOptions(deps: CoreDeps, orgId: string): Promise<FieldOption[]> {
  const objectives = await deps.store.objectives.listActive(orgId);
  const room = limitsFor(deps.platform, orgId).pickerOptions - TOPIC_TAGS.length;
  return tagOptions(objectives.slice(0, room), { builtIns: TOPIC_TAGS, objectivesFirst: true });
}

const topicAction: ActionSpec = {
  id: 'meeting.topic',
  async run({ actor, deps, value }) {
    const { occurrence, meeting } = await loadOccurrence(deps, actor.org.id, Number(readJson(value).o));
    await assertCanAnswer(deps, actor, occurrence);
    const form: Form = {
      id: 'meeting.topic',
      title: 'Quality update topic',
      submitLabel: 'Save',
      intro: [meeting.title, ` · ${formatWhen(occurrence.startsAt, meeting.timeZone)}`],
      fields: [
        {
          id: 'topic',
          label: 'What was the quality update about?',
          kind: 'text',
          maxLength: TOPIC_MAX,
          placeholder: 'e.g. Scrap on line 3 down 12 % since the new fixture',
          ...(occurrence.topic ? { initial: occurrence.topic } : {}),
        },
        {
          id: 'tags',
          label: 'Tags',
          kind: 'multiselect',
          optional: true,
          options: await topicTagOptions(deps, actor.org.id),
          ...(occurrence.tags.length ? { initial: occurrence.tags } : {}),
        },
      ],
      state: JSON.stringify({ o: occurrence.id }),
    };
    return { openForm: form };
  },
};

function readTags(raw: string | string[] | undefined, allowed: FieldOption[]): string[] {
  const given = (Array.isArray(raw) ? raw : raw ? raw.split(',') : []).map((t) => t.trim()).filter(Boolean);
  const { tags, unknown } = pickTags(given, allowed);
  if (unknown.length) throw new UserError(`I don't know the tag “${unknown[0]}”. Pick from: ${allowed.map((o) => o.value).join(', ')}.`, 'tags');
  return tags;
}

async function saveTopic(deps: CoreDeps, actor: Actor, state: string, values: Record<string, string | string[] | undefined>) {
  const { occurrence, meeting } = await loadOccurrence(deps, actor.org.id, Number(readJson(state).o));
  await assertCanAnswer(deps, actor, occurrence);
  const rawTopic = Array.isArray(values.topic) ? values.topic.join(' ') : (values.topic ?? '');
  const topic = checkTopic(rawTopic, 'topic');
  if (!topic) throw new UserError('Write the topic in a few words.', 'topic');
  const tags = readTags(values.tags, await topicTagOptions(deps, actor.org.id));
  const saved = (await deps.store.meetings.setTopic(actor.org.id, occurrence.id, topic, tags, actor.person.id))!;
  await refreshCheckMessage(deps, meeting, saved);
  return { meeting, saved };
}

const topicForm: FormSpec = {
  id: 'meeting.topic',
  async submit({ actor, deps, values, state }) {
    const { meeting, saved } = await saveTopic(deps, actor, state, values);
    const when = formatWhen(saved.startsAt, meeting.timeZone);
    return { message: note('Saved the topic for ', { bold: meeting.title }, ` on ${when}: `, saved.topic ?? '') };
  },
};

export const meetingActions: ActionSpec[] = [answerAction, topicAction];
export const meetingForms: FormSpec[] = [topicForm];
