// Custom prompts on the scorecard: one line per prompt a leader was asked in the period (done ÷
// due questions), and, for weighted prompts, a term of the index next to the five parts. Site and
// organisation lines add up their leaders' questions (each question is one leader's).
import type { CustomPrompt } from '../prompts/definition';
import { ratio, type IndexTerm } from './arithmetic';
import type { CustomFact } from './repo';
import type { CustomLine } from './types';

export type CustomDefinition = Pick<CustomPrompt, 'id' | 'question' | 'clauses' | 'weight'>;

export function customLines(definitions: CustomDefinition[], facts: CustomFact[]): CustomLine[] {
  if (facts.length === 0) return []; // most leaders of a scorecard: no map built for them
  const byId = new Map(definitions.map((d) => [d.id, d]));
  return facts
    .filter((f) => byId.has(f.promptId))
    .sort((a, b) => a.promptId - b.promptId)
    .map((f) => {
      const d = byId.get(f.promptId)!;
      return { promptId: d.id, question: d.question, clauses: d.clauses, weight: d.weight, done: f.done, due: f.due, part: ratio(f.done, f.due) };
    });
}

export function customTerms(lines: CustomLine[]): IndexTerm[] {
  return lines.filter((l) => l.weight !== null).map((l) => ({ part: l.part, weight: l.weight! }));
}

export function sumCustomLines(members: CustomLine[][]): CustomLine[] {
  const byId = new Map<number, CustomLine>();
  for (const line of members.flat()) {
    const sum = byId.get(line.promptId);
    if (!sum) byId.set(line.promptId, { ...line });
    else {
      sum.done += line.done;
      sum.due += line.due;
      sum.part = ratio(sum.done, sum.due);
    }
  }
  return [...byId.values()].sort((a, b) => a.promptId - b.promptId);
}
