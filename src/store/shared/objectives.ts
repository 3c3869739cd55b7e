// Objective rows → the core's Objective, for both engines.
import type { Objective } from '../../core/wins/repo';

export function toObjective(row: Objective & { createdAt?: number }): Objective {
  return { id: row.id, orgId: row.orgId, code: row.code, title: row.title, customerFocus: row.customerFocus, active: row.active };
}
