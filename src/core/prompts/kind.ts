// One kind of prompt, described declaratively: what asks, which period a question is about, when
// its one reminder goes out and what happens when its period ends unanswered. The lifecycle
// (lifecycle-sources.ts, lifecycle-deliveries.ts) runs every kind the same way: open → remind →
// snooze → answered / excused / missed. The floor walk, the meeting check and custom prompts are
// three definitions of it.
import type { Composed, Delivery, DeliveryKind, Recipient } from '../deliveries';
import type { Prompt, PromptKind } from './prompt-repo';
import type { Message } from '../model';
import type { LocalDate, LocalTime } from '../time';

/** What a question asks about, in the person's local dates: a day or occurrence, a week, a month, a quarter. */
export interface PromptPeriod {
  key: string;
  from: LocalDate;
  to: LocalDate;
}

/**
 * When the one reminder of an unanswered prompt goes out. A snooze's end always wins; otherwise
 * `afterMs` after the prompt. With `owedDays`, that instant must fall on an owed day of the period,
 * else `morning` on the next owed day, else (no owed day left) `lastResortMs` after the prompt.
 * A reminder at or after the period's end is not sent.
 */
export interface ReminderRule {
  afterMs: number;
  owedDays?: { morning: LocalTime; lastResortMs: number };
}

export type DeliverySubject = Record<string, string | number>;

export interface PromptKindDefinition {
  /** The prompts rows' kind, e.g. 'floorwalk'. */
  kind: PromptKind;
  /** The delivery that asks; once sent, the lifecycle opens the prompts row its buttons answer. */
  ask: {
    deliveryKind: DeliveryKind;
    compose(delivery: Delivery): Promise<Composed>;
    /** The prompts row's subject for a sent delivery (undefined: the delivery opens none); `known`: whom compose read. */
    subjectOf(delivery: Delivery, known?: Recipient): Promise<string | undefined>;
  };
  /** The period a prompts row asks about, read from its subject. Kinds without one are never reminded or missed. */
  periodOf?(subject: string): PromptPeriod | undefined;
  reminder?: {
    deliveryKind: DeliveryKind;
    rule: ReminderRule;
    /** Every reminder key of one prompt starts with this; the key adds the snooze count. */
    keyPrefix(prompt: Prompt, period: PromptPeriod): string;
    subject(prompt: Prompt, period: PromptPeriod): DeliverySubject;
    /** The reminder of an open prompt whose period is not over, or why none is sent. */
    compose(prompt: Prompt, period: PromptPeriod): Promise<Composed>;
  };
  missed?: {
    /** The job that closes the period (it sends nothing new). */
    deliveryKind: DeliveryKind;
    key(prompt: Prompt, period: PromptPeriod): string;
    subject(prompt: Prompt, period: PromptPeriod): DeliverySubject;
    /** Settles an open prompt some other way before it counts as missed; says how, or undefined. */
    settle?(prompt: Prompt, period: PromptPeriod): Promise<string | undefined>;
    /** What every message about a missed prompt turns into (undefined: leave them). */
    message(prompt: Prompt, period: PromptPeriod): Promise<Message | undefined>;
    /** The job's notes: it closed the period, or the prompt was no longer open. */
    notes: { closed: string; notOpen: string };
  };
}
