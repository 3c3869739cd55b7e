// "Needs attention" on the web page, from the scorecard's own figures: overdue follow-ups, floor
// walks missed, meetings without a quality update, and a falling index.
import type { LeaderCard } from '../../core/scorecard/types';

export interface AttentionItem {
  leaderId: string;
  name: string;
  reasons: string[];
}

export function needsAttention(leaders: LeaderCard[]): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const l of leaders) {
    const reasons: string[] = [];
    if (l.facts.followUpsOverdue > 0) reasons.push(`${l.facts.followUpsOverdue} overdue follow-up${l.facts.followUpsOverdue === 1 ? '' : 's'}`);
    const missed = l.facts.walkWeeksDue - l.facts.walkWeeksDone;
    if (missed > 0) reasons.push(`${missed} floor walk${missed === 1 ? '' : 's'} missed`);
    if (l.facts.meetingsDue > 0 && l.facts.meetingsYes === 0) reasons.push('no meeting opened with a quality update');
    if (l.trend !== null && l.trend <= -10) reasons.push(`index down ${-l.trend}`);
    if (reasons.length) items.push({ leaderId: l.id, name: l.displayName, reasons });
  }
  return items.sort((a, b) => b.reasons.length - a.reasons.length || a.name.localeCompare(b.name));
}
