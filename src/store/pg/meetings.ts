// Recurring meetings and their occurrences on PostgreSQL. Every change writes an audit row in the
// same transaction, which takes the organisation's audit-chain lock first (auditedTransaction) and
// then reads the row FOR UPDATE: two instances answering or correcting the same occurrence apply one
// after the other, and the second sees the first (an `ifUnanswered` answer then changes nothing).
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { meetingOccurrences, meetings } from '../../../db/pg/schema';
import type { PromptToClose } from '../../core/floor-walks/repo';
import type { Meeting, MeetingOccurrence, MeetingRepo, NewMeeting, NewOccurrence, OccurrenceAnswer } from '../../core/meetings/repo';
import { answerView } from '../shared/meeting-answer';
import { answerPatch, newMeetingValues, type OccurrencePatch, type OccurrenceRow, removalSet, toMeeting, toOccurrence, topicPatch } from '../shared/meetings';
import { auditedTransaction, writeAudit } from './audit';
import type { PgDb } from './db';
import { closeOpenPrompt } from './prompts';

const occurrenceOf = (orgId: string, id: number) => and(eq(meetingOccurrences.orgId, orgId), eq(meetingOccurrences.id, id));

export class PgMeetingRepo implements MeetingRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async create(meeting: NewMeeting, actor: string | null): Promise<Meeting> {
    return auditedTransaction(this.db, meeting.orgId, async (tx) => {
      const now = this.now();
      const [row] = await tx.insert(meetings).values(newMeetingValues(meeting, now)).returning();
      const created = toMeeting(row!);
      await writeAudit(tx, { orgId: meeting.orgId, actor, entity: 'meeting', entityId: created.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async get(orgId: string, id: number): Promise<Meeting | undefined> {
    const [row] = await this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.orgId, orgId), eq(meetings.id, id)));
    return row && toMeeting(row);
  }

  async list(orgId: string, personId?: string): Promise<Meeting[]> {
    const conditions = [eq(meetings.orgId, orgId), eq(meetings.active, true)];
    if (personId !== undefined) conditions.push(eq(meetings.personId, personId));
    const rows = await this.db
      .select()
      .from(meetings)
      .where(and(...conditions))
      .orderBy(asc(meetings.id));
    return rows.map(toMeeting);
  }

  async listActive(): Promise<Meeting[]> {
    const rows = await this.db.select().from(meetings).where(eq(meetings.active, true)).orderBy(asc(meetings.id));
    return rows.map(toMeeting);
  }

  async remove(orgId: string, id: number, actor: string | null): Promise<Meeting | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const now = this.now();
      const active = and(eq(meetings.orgId, orgId), eq(meetings.id, id), eq(meetings.active, true));
      const [before] = await tx.select().from(meetings).where(active).for('update');
      if (!before) return undefined;
      const [row] = await tx.update(meetings).set(removalSet(now)).where(eq(meetings.id, id)).returning();
      const after = toMeeting(row!);
      await writeAudit(tx, { orgId, actor, entity: 'meeting', entityId: id, action: 'delete', before: toMeeting(before), after, at: now });
      return after;
    });
  }

  async ensureOccurrence(o: NewOccurrence): Promise<MeetingOccurrence> {
    // An instance racing this one waits for its insert to commit, inserts nothing, and reads that row.
    const [inserted] = await this.db.insert(meetingOccurrences).values(o).onConflictDoNothing().returning();
    return inserted ? toOccurrence(inserted) : (await this.findOccurrence(o.orgId, o.meetingId, o.occurrenceKey))!;
  }

  async getOccurrence(orgId: string, id: number): Promise<MeetingOccurrence | undefined> {
    const [row] = await this.db.select().from(meetingOccurrences).where(occurrenceOf(orgId, id));
    return row && toOccurrence(row);
  }

  async findOccurrence(orgId: string, meetingId: number, occurrenceKey: string): Promise<MeetingOccurrence | undefined> {
    const [row] = await this.db
      .select()
      .from(meetingOccurrences)
      .where(and(eq(meetingOccurrences.orgId, orgId), eq(meetingOccurrences.meetingId, meetingId), eq(meetingOccurrences.occurrenceKey, occurrenceKey)));
    return row && toOccurrence(row);
  }

  async answerOccurrence(
    orgId: string,
    id: number,
    input: OccurrenceAnswer,
    actor: string | null,
    options: { ifUnanswered?: boolean; closes?: PromptToClose } = {},
  ): Promise<MeetingOccurrence | undefined> {
    const { closes } = options;
    return this.patchOccurrence(
      orgId,
      id,
      actor,
      (row) => answerPatch(row, input, options.ifUnanswered),
      closes &&
        (async (tx, after) => {
          await closeOpenPrompt(tx, orgId, after.personId, closes, input.at);
        }),
    );
  }

  async setTopic(orgId: string, id: number, topic: string, tags: string[], actor: string | null): Promise<MeetingOccurrence | undefined> {
    return this.patchOccurrence(orgId, id, actor, () => topicPatch(topic, tags));
  }

  /**
   * Changes an occurrence's answer fields and audits them; `change` returns undefined to change
   * nothing. `also` runs in the same transaction after a change (closing the check prompt).
   */
  private async patchOccurrence(
    orgId: string,
    id: number,
    actor: string | null,
    change: (row: OccurrenceRow) => OccurrencePatch | undefined,
    also?: (tx: PgDb, after: MeetingOccurrence) => Promise<void>,
  ): Promise<MeetingOccurrence | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const [row] = await tx.select().from(meetingOccurrences).where(occurrenceOf(orgId, id)).for('update');
      const patch = row && change(row);
      if (!row || !patch) return undefined;
      const [updated] = await tx.update(meetingOccurrences).set(patch).where(eq(meetingOccurrences.id, id)).returning();
      const after = toOccurrence(updated!);
      const audit = { before: answerView(toOccurrence(row)), after: answerView(after) };
      await writeAudit(tx, { orgId, actor, entity: 'meeting_occurrence', entityId: id, action: 'update', ...audit, at: this.now() });
      await also?.(tx, after);
      return after;
    });
  }

  async recentOccurrences(orgId: string, personId: string, options: { before?: number; limit?: number } = {}): Promise<MeetingOccurrence[]> {
    const conditions = [eq(meetingOccurrences.orgId, orgId), eq(meetingOccurrences.personId, personId)];
    if (options.before !== undefined) conditions.push(lt(meetingOccurrences.startsAt, options.before));
    const rows = await this.db
      .select()
      .from(meetingOccurrences)
      .where(and(...conditions))
      .orderBy(desc(meetingOccurrences.startsAt), desc(meetingOccurrences.id))
      .limit(options.limit ?? 20);
    return rows.map(toOccurrence);
  }
}
