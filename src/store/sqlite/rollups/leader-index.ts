// A leader's index for one week alone, kept in the week's rollup row so that a weekly trend sums
// indexes in SQL instead of reading every leader-week into JavaScript. The index is the core's own
// arithmetic (indexOf over partsOf and the weighted custom lines) with the weights the database
// holds when the week is counted: the organisation's weights and each custom prompt's. A change of
// either marks every counted week stale (schema-triggers.ts), and a reader checks that the weights
// it would use are these (basisKey), else it does not use the stored indexes.
import type Database from 'better-sqlite3';
import { effectiveWeights, indexOf, partsOf } from '../../../core/scorecard/arithmetic';
import { customLines, customTerms } from '../../../core/scorecard/custom-lines';
import type { IndexBasis, LeaderFacts } from '../../../core/scorecard/repo';

/** The weights the organisation's records give now. */
export function basisOf(sqlite: Database.Database, orgId: string): IndexBasis {
  const settings = sqlite.prepare('SELECT settings FROM organisations WHERE id = ?').pluck().get(orgId) as string | undefined;
  const weights = effectiveWeights(settings ? (JSON.parse(settings) as { weights?: unknown }).weights : undefined);
  const definitions = (
    sqlite.prepare('SELECT id, weight FROM custom_prompts WHERE org_id = ? ORDER BY id').all(orgId) as Array<{ id: number; weight: number | null }>
  ).map((d) => ({ id: d.id, weight: d.weight, question: '', clauses: [] }));
  return { weights, definitions };
}

/** What the index depends on, as text: equal keys, equal indexes. */
export function basisKey(basis: IndexBasis): string {
  const custom = basis.definitions.map((d) => [d.id, d.weight]).sort((a, b) => Number(a[0]) - Number(b[0]));
  return JSON.stringify([basis.weights, custom]);
}

/** The leader's index from one week's counts and custom lines ([prompt id, done, due]). */
export function weekIndex(facts: Omit<LeaderFacts, 'personId'>, custom: Array<[number, number, number]>, basis: IndexBasis): number | null {
  const lines = customLines(
    basis.definitions,
    custom.map(([promptId, done, due]) => ({ personId: '', promptId, done, due })),
  );
  return indexOf(partsOf(facts), basis.weights, customTerms(lines));
}
