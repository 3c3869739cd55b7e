// What the audit log keeps of a meeting's answer, on both engines: the meeting repositories write
// it and `verify` compares the live occurrence against it.
import type { MeetingOccurrence } from '../../core/meetings/repo';

/** The audited view of an answer: what the scorecard and an auditor care about. */
export function answerView(o: MeetingOccurrence) {
  return { answer: o.answer, topic: o.topic, tags: o.tags, answeredAt: o.answeredAt, answeredBy: o.answeredBy };
}
