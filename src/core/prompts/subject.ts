// The subject of a custom question in the shared prompts table: 'custom:<definition id>:<period key>'.
import type { Prompt } from '../floor-walks/repo';

export function customSubject(definitionId: number, periodKey: string): string {
  return `custom:${definitionId}:${periodKey}`;
}

/** Definition id and period key of a prompts row of kind 'custom'. */
export function subjectParts(prompt: Pick<Prompt, 'subject'>): { definitionId: number; periodKey: string } | undefined {
  const m = /^custom:(\d+):(.+)$/.exec(prompt.subject);
  return m ? { definitionId: Number(m[1]), periodKey: m[2]! } : undefined;
}
