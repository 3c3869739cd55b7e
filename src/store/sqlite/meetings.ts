// Recurring meetings and their occurrences. Every change writes an audit row in the same
// transaction; an edited answer keeps the earlier one in `before`.
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { meetingOccurrences, meetings } from '../../../db/schema';
import type { Meeting, MeetingOccurrence, MeetingRepo, NewMeeting, NewOccurrence, OccurrenceAnswer } from '../../core/meetings/repo';
import type { PromptToClose } from '../../core/floor-walks/repo';
import { answerView } from '../shared/meeting-answer';
import { answerPatch, newMeetingValues, type OccurrencePatch, type OccurrenceRow, removalSet, toMeeting, toOccurrence, topicPatch } from '../shared/meetings';
import { writeAudit } from './audit';
import type { Db } from './db';
import { closeOpenPrompt } from './prompts';

export { answerView } from '../shared/meeting-answer';

export class SqliteMeetingRepo implements MeetingRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async create(meeting: NewMeeting, actor: string | null): Promise<Meeting> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const row = tx.insert(meetings).values(newMeetingValues(meeting, now)).returning().get();
      const created = toMeeting(row);
      writeAudit(tx, { orgId: meeting.orgId, actor, entity: 'meeting', entityId: row.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async get(orgId: string, id: number): Promise<Meeting | undefined> {
    const row = this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.orgId, orgId), eq(meetings.id, id)))
      .get();
    return row && toMeeting(row);
  }

  async list(orgId: string, personId?: string): Promise<Meeting[]> {
    const conditions = [eq(meetings.orgId, orgId), eq(meetings.active, true)];
    if (personId !== undefined) conditions.push(eq(meetings.personId, personId));
    return this.db
      .select()
      .from(meetings)
      .where(and(...conditions))
      .orderBy(asc(meetings.id))
      .all()
      .map(toMeeting);
  }

  async listActive(): Promise<Meeting[]> {
    return this.db.select().from(meetings).where(eq(meetings.active, true)).orderBy(asc(meetings.id)).all().map(toMeeting);
  }

  async remove(orgId: string, id: number, actor: string | null): Promise<Meeting | undefined> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const before = tx
        .select()
        .from(meetings)
        .where(and(eq(meetings.orgId, orgId), eq(meetings.id, id), eq(meetings.active, true)))
        .get();
      if (!before) return undefined;
      const row = tx.update(meetings).set(removalSet(now)).where(eq(meetings.id, id)).returning().get();
      const after = toMeeting(row);
      writeAudit(tx, { orgId, actor, entity: 'meeting', entityId: id, action: 'delete', before: toMeeting(before), after, at: now });
      return after;
    });
  }

  async ensureOccurrence(o: NewOccurrence): Promise<MeetingOccurrence> {
    this.db.insert(meetingOccurrences).values(o).onConflictDoNothing().run();
    return (await this.findOccurrence(o.orgId, o.meetingId, o.occurrenceKey))!;
  }

  async getOccurrence(orgId: string, id: number): Promise<MeetingOccurrence | undefined> {
    const row = this.db
      .select()
      .from(meetingOccurrences)
      .where(and(eq(meetingOccurrences.orgId, orgId), eq(meetingOccurrences.id, id)))
      .get();
    return row && toOccurrence(row);
  }

  async findOccurrence(orgId: string, meetingId: number, occurrenceKey: string): Promise<MeetingOccurrence | undefined> {
    const row = this.db
      .select()
      .from(meetingOccurrences)
      .where(and(eq(meetingOccurrences.orgId, orgId), eq(meetingOccurrences.meetingId, meetingId), eq(meetingOccurrences.occurrenceKey, occurrenceKey)))
      .get();
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
      closes && ((tx, after) => closeOpenPrompt(tx, orgId, after.personId, closes, input.at)),
    );
  }

  async setTopic(orgId: string, id: number, topic: string, tags: string[], actor: string | null): Promise<MeetingOccurrence | undefined> {
    return this.patchOccurrence(orgId, id, actor, () => topicPatch(topic, tags));
  }

  /**
   * Changes an occurrence's answer fields and audits them; `change` returns undefined to change
   * nothing. `also` runs in the same transaction after a change (closing the check prompt).
   */
  private patchOccurrence(
    orgId: string,
    id: number,
    actor: string | null,
    change: (row: OccurrenceRow) => OccurrencePatch | undefined,
    also?: (tx: Db, after: MeetingOccurrence) => void,
  ): MeetingOccurrence | undefined {
    return this.db.transaction((tx) => {
      const row = tx
        .select()
        .from(meetingOccurrences)
        .where(and(eq(meetingOccurrences.orgId, orgId), eq(meetingOccurrences.id, id)))
        .get();
      const patch = row && change(row);
      if (!row || !patch) return undefined;
      const before = toOccurrence(row);
      const after = toOccurrence(tx.update(meetingOccurrences).set(patch).where(eq(meetingOccurrences.id, id)).returning().get());
      writeAudit(tx, {
        orgId,
        actor,
        entity: 'meeting_occurrence',
        entityId: id,
        action: 'update',
        before: answerView(before),
        after: answerView(after),
        at: this.now(),
      });
      also?.(tx, after);
      return after;
    });
  }

  async recentOccurrences(orgId: string, personId: string, options: { before?: number; limit?: number } = {}): Promise<MeetingOccurrence[]> {
    const conditions = [eq(meetingOccurrences.orgId, orgId), eq(meetingOccurrences.personId, personId)];
    if (options.before !== undefined) conditions.push(lt(meetingOccurrences.startsAt, options.before));
    return this.db
      .select()
      .from(meetingOccurrences)
      .where(and(...conditions))
      .orderBy(desc(meetingOccurrences.startsAt), desc(meetingOccurrences.id))
      .limit(options.limit ?? 20)
      .all()
      .map(toOccurrence);
  }
}
