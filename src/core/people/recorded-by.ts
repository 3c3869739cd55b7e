// "recorded by Quinn for Maria": shown wherever a record is listed whose current version someone
// other than its subject recorded (a quality manager answering a meeting check for a leader,
// editing a walk, withdrawing a win). Null or the subject themselves shows nothing.
import type { Span } from '../model';

/** Whether the record needs the note: someone other than the subject recorded it. */
export function recordedForSomeoneElse(recordedBy: string | null | undefined, subjectId: string): recordedBy is string {
  return !!recordedBy && recordedBy !== subjectId;
}

/** ' · recorded by @quinn for @maria' as spans, or nothing. */
export function recordedBySpans(recordedBy: string | null | undefined, subjectId: string): Span[] {
  if (!recordedForSomeoneElse(recordedBy, subjectId)) return [];
  return [' · recorded by ', { mention: recordedBy }, ' for ', { mention: subjectId }];
}

/** 'recorded by Quinn for Maria' in plain text (files, the evidence pack), or undefined. */
export function recordedByText(recordedBy: string | null | undefined, subjectId: string, nameOf: (id: string) => string): string | undefined {
  if (!recordedForSomeoneElse(recordedBy, subjectId)) return undefined;
  return `recorded by ${nameOf(recordedBy)} for ${nameOf(subjectId)}`;
}
