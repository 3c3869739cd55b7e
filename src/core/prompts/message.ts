// The custom question as a message (answer buttons, or a button that opens the checklist), and
// what it turns into once answered or once its period is over.
import { message, note, type Button, type Message } from '../model';
import { describePeriod } from './cadence';
import type { CustomPrompt } from './definition';

export const PROMPT_ACTIONS = {
  answer: 'prompt.answer',
  checklist: 'prompt.checklist',
  snooze: 'prompt.snooze',
} as const;

/** A button's value: which question (definition and period) and, for answers, which answer. */
export function buttonValue(definitionId: number, periodKey: string, answer?: number): string {
  return answer === undefined ? `${definitionId}|${periodKey}` : `${definitionId}|${periodKey}|${answer}`;
}

export function parseButtonValue(value: string): { definitionId: number; periodKey: string; answer?: number } | undefined {
  const m = /^(\d{1,12})\|(\d{4}-(?:W\d{2}|\d{2}|Q[1-4]))(?:\|(\d))?$/.exec(value.trim());
  if (!m) return undefined;
  return { definitionId: Number(m[1]), periodKey: m[2]!, answer: m[3] === undefined ? undefined : Number(m[3]) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function customPromptMessage(prompt: CustomPrompt, periodKey: string, reminder: boolean): Message {
  const buttons: Button[] = prompt.checklist.length
    ? [{ label: 'Answer the checklist', action: PROMPT_ACTIONS.checklist, value: buttonValue(prompt.id, periodKey), style: 'primary' }]
    : prompt.answers.map((answer, i) => ({
        label: capitalise(answer),
        action: PROMPT_ACTIONS.answer,
        value: buttonValue(prompt.id, periodKey, i),
        ...(i === 0 ? { style: 'primary' as const } : {}),
      }));
  buttons.push({ label: 'Snooze', action: PROMPT_ACTIONS.snooze, value: buttonValue(prompt.id, periodKey) });
  const clauses = prompt.clauses.length ? ` · ISO 9001 ${prompt.clauses.join(', ')}` : '';
  return message(
    reminder ? `Reminder: ${prompt.question}` : prompt.question,
    [
      { type: 'text', text: reminder ? [{ bold: 'Reminder: ' }, prompt.question] : [prompt.question] },
      { type: 'context', text: [`For ${describePeriod(periodKey)}${clauses}. To add a note: /clause5 prompt answer ${prompt.id} <answer> "note"`] },
      { type: 'buttons', buttons },
    ],
    'Leadership check',
  );
}

/** What the question turns into once answered; a "not done" answer suggests raising a follow-up action. */
export function answeredMessage(prompt: CustomPrompt, periodKey: string, answer: string, outcome?: 'done' | 'not_done' | 'excused'): Message {
  const base = note(`${prompt.question} — ${describePeriod(periodKey)}: `, { bold: answer }, '. Thank you!');
  if (outcome !== 'not_done') return base;
  return {
    ...base,
    blocks: [...base.blocks, { type: 'context', text: ['Something to act on? Raise a follow-up: /clause5 followup add @owner <due date> <what>'] }],
  };
}

export function periodOverMessage(prompt: CustomPrompt, periodKey: string): Message {
  return note(`${prompt.question} — ${describePeriod(periodKey)} is over; marked as missed.`);
}
