// The lifecycle's two trigger sources, for any prompt kind: the one reminder of an unanswered
// prompt, and the end of its period (a job marks it missed). A pass asks the store only for the
// open prompts that can fall due in its window — by the instants stored when the prompt opened or
// was snoozed, and by the fixed offsets of the reminder rule from the send time — never for every
// open prompt. Each one found is then worked out afresh (the calendar or zone may have changed).
// Sources only read: the same window gives the same triggers.
import type { Recipient, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { Prompt, TimeRange } from './prompt-repo';
import { loadCalendar } from '../people/calendar';
import { batchedReads } from '../people/calendar-batch';
import { recipientReads } from '../people/recipient-reads';
import { zoneOf } from '../people/zone';
import type { PromptKindDefinition, PromptPeriod, ReminderRule } from './kind';
import { periodClock, periodEndInstant, reminderAt, type PeriodClock } from './period-clock';

/** A prompt's period in its person's zone, worked out for one pass. */
interface Placed {
  prompt: Prompt;
  period: PromptPeriod;
  zone: string;
  /** The period's end for the person now. */
  end: number;
}

/** A pass's reads (batchedReads for a pass over many prompts); each (period, zone)'s clock and end once. */
function passReads(reads: CoreDeps, definition: PromptKindDefinition) {
  const ends = new Map<string, number>();
  const clocks = new Map<string, PeriodClock>();
  return {
    reads,
    async place(prompt: Prompt): Promise<Placed | undefined> {
      const period = definition.periodOf?.(prompt.subject);
      if (!period) return undefined;
      const person = await reads.store.people.get(prompt.orgId, prompt.personId);
      if (!person) return undefined;
      const zone = await zoneOf(reads, person);
      const key = `${zone}\u0000${period.key}`;
      let end = ends.get(key);
      if (end === undefined) ends.set(key, (end = periodEndInstant(period, zone)));
      return { prompt, period, zone, end };
    },
    clock(placed: Placed, rule: ReminderRule): PeriodClock {
      const key = `${placed.zone}\u0000${placed.period.key}`;
      let clock = clocks.get(key);
      if (!clock) clocks.set(key, (clock = periodClock(placed.period, placed.zone, rule.owedDays?.morning ?? '00:00')));
      return clock;
    },
  };
}

function unique(lists: Prompt[][]): Prompt[] {
  const byId = new Map<number, Prompt>();
  for (const list of lists) for (const p of list) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
}

/** When the reminder of a placed prompt goes out now, by the rule and the person's calendar; undefined: none. */
async function reminderOf(pass: ReturnType<typeof passReads>, placed: Placed, rule: ReminderRule): Promise<number | undefined> {
  const { prompt } = placed;
  let at: number | undefined;
  if (prompt.snoozedUntil !== null || !rule.owedDays) at = reminderAt(prompt, rule);
  else {
    const clock = pass.clock(placed, rule);
    const person = (await pass.reads.store.people.get(prompt.orgId, prompt.personId))!;
    const calendar = await loadCalendar(pass.reads, person, placed.period.from, placed.period.to);
    at = reminderAt(prompt, rule, clock, calendar);
  }
  return at !== undefined && at < placed.end ? at : undefined;
}

export function lifecycleReminderSource(deps: CoreDeps, definition: PromptKindDefinition): TriggerSource {
  const reminder = definition.reminder!;
  const { rule } = reminder;
  return {
    name: reminder.deliveryKind,
    suppressible: true,
    async triggers(from, to) {
      const window: TimeRange = { from, to };
      const before = (ms: number): TimeRange => ({ from: from - ms, to: to - ms });
      const offsets = [rule.afterMs, ...(rule.owedDays ? [rule.owedDays.lastResortMs] : [])];
      const { prompts } = deps.store;
      const candidates = unique([
        await prompts.listOpenDue(definition.kind, 'remindAt', [window]),
        await prompts.listOpenDue(definition.kind, 'sentAt', offsets.map(before)),
        await prompts.listOpenUnscheduled(definition.kind),
      ]);
      const pass = passReads(batchedReads(deps), definition);
      const out: Trigger[] = [];
      const inWindow = (at: number | null | undefined) => at != null && at > from && at <= to;
      for (const prompt of candidates) {
        const placed = await pass.place(prompt);
        if (!placed) continue;
        // Cheap check first: the reminder is one of these instants, so the calendar is needed only when one is in the window.
        const possible =
          prompt.snoozedUntil !== null
            ? [prompt.snoozedUntil]
            : [...offsets.map((ms) => prompt.sentAt + ms), ...(rule.owedDays ? pass.clock(placed, rule).mornings : [])];
        if (!inWindow(prompt.remindAt) && !possible.some(inWindow)) continue;
        const at = await reminderOf(pass, placed, rule);
        if (at === undefined) continue;
        // The planned instant comes round in this window but the calendar has changed since (an
        // absence recorded or removed): a later reminder is queued for its new instant; an earlier
        // one that no pass looked at (a morning) goes out now, at the planned instant, not never.
        const planned = prompt.remindAt ?? at;
        if (!inWindow(at) && !inWindow(planned)) continue;
        const dueAt = inWindow(at) || at > to ? at : planned;
        out.push({
          orgId: prompt.orgId,
          key: `${reminder.keyPrefix(prompt, placed.period)}${prompt.snoozeCount}`,
          kind: reminder.deliveryKind,
          personId: prompt.personId,
          subject: reminder.subject(prompt, placed.period),
          dueAt,
        });
      }
      return out;
    },
  };
}

export function lifecyclePeriodEndSource(deps: CoreDeps, definition: PromptKindDefinition): TriggerSource {
  const missed = definition.missed!;
  return {
    name: missed.deliveryKind,
    async triggers(from, to) {
      const { prompts } = deps.store;
      const candidates = unique([await prompts.listOpenDue(definition.kind, 'closesAt', [{ from, to }]), await prompts.listOpenUnscheduled(definition.kind)]);
      const pass = passReads(batchedReads(deps), definition);
      const out: Trigger[] = [];
      for (const prompt of candidates) {
        const placed = await pass.place(prompt);
        if (!placed) continue;
        // The stored end decides the window; the job runs at the end worked out now (the zone may have moved).
        const stored = prompt.closesAt ?? placed.end;
        if (stored <= from || stored > to) continue;
        out.push({
          orgId: prompt.orgId,
          key: missed.key(prompt, placed.period),
          kind: missed.deliveryKind,
          personId: prompt.personId,
          subject: missed.subject(prompt, placed.period),
          dueAt: placed.end,
        });
      }
      return out;
    },
  };
}

/**
 * The instants stored with a prompt when it opens: its planned reminder and its period's end. `known`
 * is the person (and site) the question was composed for, moments ago: the sources work each prompt
 * out afresh anyway, so a change in between is as if it had come just after the opening.
 */
export async function plannedInstants(
  deps: CoreDeps,
  definition: PromptKindDefinition,
  prompt: Prompt,
  known?: Recipient,
): Promise<{ remindAt: number | null; closesAt: number | null }> {
  const pass = passReads(recipientReads(deps, known), definition);
  const placed = await pass.place(prompt);
  if (!placed) return { remindAt: null, closesAt: null };
  const remindAt = definition.reminder ? await reminderOf(pass, placed, definition.reminder.rule) : undefined;
  return { remindAt: remindAt ?? null, closesAt: placed.end };
}
