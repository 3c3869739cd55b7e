// Answering, correcting and recording a custom prompt's answer by command:
//   prompt answer <id> [@person] <answer> [period] ["note"] [reason "…"]
// - a leader answers their open question, or changes their answer, until CORRECTION_WINDOW_DAYS
//   after the period ends (as meeting answers may be corrected for 7 days after the meeting);
// - a quality manager or admin may record or correct the answer for a leader in the same window,
//   always with a reason ("recorded by Quinn for Maria: told me in the review"), including a
//   period that was marked missed — a leader cannot turn their own missed period into an answer.
// Every version is a chained audit entry (`history prompt answer <n>`); the scorecard counts the current one.
import type { Args } from '../commands/args';
import type { Actor, CommandSpec } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { type Message, note, type RichText } from '../model';
import { parseRecordNumber, selfOrManaged } from '../people/access';
import { isManager, type Person } from '../people/types';
import { zoneOf } from '../people/zone';
import { checkReason } from '../records/permission';
import { addDays, zonedInstant } from '../time';
import { checklistOutcome, checkNote, CHECKLIST_ANSWERS, definitionFor, matchAnswer, recordAnswer } from './answer';
import { describePeriod, periodRange, type Period } from './cadence';
import { outcomeOf, type CustomPrompt } from './definition';
import { retireQuestion } from './lifecycle';
import { answeredMessage } from './message';
import type { CustomAnswer, CustomQuestion } from './repo';

/** How long after a period ends its answer may still be recorded or changed. */
export const CORRECTION_WINDOW_DAYS = 7;
export const ANSWER_USAGE = 'prompt answer <id> [@person] <answer> [period] ["note"] [reason "…"]';

const PERIOD_PATTERN: Record<Period, RegExp> = { week: /^\d{4}-W\d{2}$/, month: /^\d{4}-(0[1-9]|1[0-2])$/, quarter: /^\d{4}-Q[1-4]$/ };
const PERIOD_EXAMPLE: Record<Period, string> = { week: '2026-W49', month: '2026-12', quarter: '2026-Q4' };
const LOOKS_LIKE_PERIOD = /^\d{4}-(W\d{1,2}|\d{1,2}|Q\d)$/i;

/** A period key typed after the answer, checked against the prompt's cadence; undefined when none was typed. */
export function takePeriod(args: Args, definition: CustomPrompt): string | undefined {
  const next = args.peek();
  if (!next || next.quoted || !LOOKS_LIKE_PERIOD.test(next.text)) return undefined;
  args.next();
  const key = next.text.toUpperCase();
  const every = definition.cadence.every;
  if (!PERIOD_PATTERN[every].test(key)) {
    throw new UserError(`Period: “${next.text}” is not a ${every} — prompt ${definition.id} is asked once a ${every}; write e.g. ${PERIOD_EXAMPLE[every]}.`);
  }
  return key;
}

function nextMention(args: Args): string | undefined {
  const t = args.peek();
  return t && !t.quoted && t.text.startsWith('@') && t.text.length > 1 ? args.next() : undefined;
}

/** The typed answer: one of the answers, or for a checklist one yes/no/n-a per item ("yes,no,n/a"). */
function readAnswer(definition: CustomPrompt, typed: string): { answer: string; items: string[]; outcome: CustomAnswer['outcome'] } {
  if (!definition.checklist.length) {
    const answer = matchAnswer(definition, typed);
    return { answer, items: [], outcome: outcomeOf(definition, answer) };
  }
  const items = typed.split(',').map((i) => i.trim().toLowerCase());
  const n = definition.checklist.length;
  if (items.length !== n || items.some((i) => !(CHECKLIST_ANSWERS as readonly string[]).includes(i))) {
    throw new UserError(
      `Answer: prompt ${definition.id} is a checklist of ${n} items — give yes, no or n/a for each, separated by commas, e.g. ${Array(n).fill('yes').join(',')}.`,
    );
  }
  return { answer: `${items.filter((i) => i === 'yes').length} of ${n} yes`, items, outcome: checklistOutcome(items) };
}

/** The person's question for the period (or their latest), or a message saying there is none. */
async function questionOf(deps: CoreDeps, actor: Actor, definition: CustomPrompt, person: Person, periodKey: string | undefined): Promise<CustomQuestion> {
  const [question] = await deps.store.customPrompts.questions(actor.org.id, definition.id, { personId: person.id, periodKey, limit: 1 });
  if (question) return question;
  const who = person.id === actor.person.id ? 'You have' : `${person.displayName} has`;
  throw new UserError(`${who} not been asked prompt ${definition.id} (“${definition.question}”)${periodKey ? ` for ${describePeriod(periodKey)}` : ' yet'}.`);
}

/** When the period ends and its correction window closes (the start of the day after lastDay), in the person's zone. */
async function windowOf(deps: CoreDeps, person: Person, periodKey: string): Promise<{ end: number; closes: number; lastDay: string }> {
  const zone = await zoneOf(deps, person);
  const lastDay = addDays(periodRange(periodKey).to, CORRECTION_WINDOW_DAYS);
  return { end: zonedInstant(addDays(periodRange(periodKey).to, 1), '00:00', zone), closes: zonedInstant(addDays(lastDay, 1), '00:00', zone), lastDay };
}

function sameVersion(a: CustomAnswer, b: { answer: string; items: string[]; note: string | null }): boolean {
  return a.answer === b.answer && JSON.stringify(a.items) === JSON.stringify(b.items) && a.note === b.note;
}

export const answerCommand: CommandSpec = {
  path: ['prompt', 'answer'],
  usage: ANSWER_USAGE,
  summary: `answer a prompt by typing (its latest question, or a period), or change the answer until ${CORRECTION_WINDOW_DAYS} days after the period; managers record for a leader with a reason`,
  group: 'Leadership prompts',
  async run({ actor, deps, args }) {
    const definition = await definitionFor(deps, actor, parseRecordNumber(args.required(`Which prompt? Usage: ${ANSWER_USAGE}`), 'a prompt', 'prompt list'));
    const person = await selfOrManaged(
      deps,
      actor,
      nextMention(args),
      'Only a quality manager or an admin can record an answer for someone else. For yourself, leave out the @name.',
    );
    const reasonWord = args.option('reason', `Reason: say why after “reason”, e.g. reason "told me in the review". Usage: ${ANSWER_USAGE}`);
    const typed = args.required(
      `Which answer? ${definition.checklist.length ? 'yes, no or n/a for each item' : definition.answers.join(', ')}. Usage: ${ANSWER_USAGE}`,
    );
    const chosen = readAnswer(definition, typed);
    const periodKey = takePeriod(args, definition);
    const typedNote = checkNote(args.rest());
    const forSomeoneElse = person.id !== actor.person.id;
    if (forSomeoneElse && reasonWord === undefined) {
      throw new UserError(`Reason: say why you record this for ${person.displayName}, e.g. … reason "told me in the management review".`);
    }
    const reason = reasonWord === undefined ? null : checkReason(reasonWord, ANSWER_USAGE);
    const question = await questionOf(deps, actor, definition, person, periodKey);
    const period = describePeriod(question.periodKey);
    const { end, closes, lastDay } = await windowOf(deps, person, question.periodKey);
    const now = deps.clock.now();
    const prompt = (await deps.store.prompts.get(actor.org.id, question.promptId))!;

    if (question.status === 'open' && now < end && !forSomeoneElse && reason === null) {
      // A leader's first answer in the period: the same path as the question's buttons.
      await recordAnswer(deps, actor, definition, prompt, { answer: chosen.answer, items: chosen.items, note: typedNote });
      return { message: note(`Saved: ${definition.question} — `, { bold: chosen.answer }, ` for ${period}.`) };
    }
    if (now >= closes) {
      throw new UserError(
        `${capital(period)} ended more than ${CORRECTION_WINDOW_DAYS} days ago (answers could be recorded or changed until ${lastDay}) — nothing changed.`,
      );
    }
    if (question.status !== 'answered' && now >= end && !isManager(actor.person)) {
      throw new UserError(
        `${capital(period)} is over and was marked as missed — a quality manager or an admin can record the answer for you, with a reason, until ${lastDay}.`,
      );
    }
    const noteText = typedNote ?? question.answer?.note ?? null; // a correction keeps the note unless a new one is typed
    if (question.answer && sameVersion(question.answer, { ...chosen, note: noteText })) {
      throw new UserError(`${capital(period)} is already recorded as ${question.answer.answer} — nothing changed.`);
    }
    const saved = await deps.store.customPrompts.record(actor.org.id, question.promptId, {
      ...chosen,
      note: noteText,
      answeredBy: actor.person.id,
      answeredAt: now,
      reason,
    });
    if (!saved) throw new UserError('That question is no longer on record — nothing changed.');
    // The leader's copies of the question now show the answer on record, and who recorded it for them.
    const shown = answeredMessage(definition, question.periodKey, chosen.answer, chosen.outcome);
    await retireQuestion(deps, prompt, forSomeoneElse ? recordedForMessage(definition, question.periodKey, chosen.answer, actor, reason) : shown);
    const spans: RichText = ['Recorded ', { bold: chosen.answer }];
    if (forSomeoneElse) spans.push(' for ', { mention: person.id });
    spans.push(` — ${definition.question} — ${period}`);
    if (saved.before) spans.push(` (was ${saved.before.answer}; earlier versions: /clause5 history prompt answer ${question.promptId})`);
    spans.push('.');
    return { message: note(...spans) };
  },
};

function recordedForMessage(definition: CustomPrompt, periodKey: string, answer: string, actor: Actor, reason: string | null): Message {
  return note(
    `${definition.question} — ${describePeriod(periodKey)}: `,
    { bold: answer },
    ' — recorded for you by ',
    { mention: actor.person.id },
    reason ? `: ${reason}` : '',
    '.',
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
