// What the people area's two-engine suites share: a clock the store reads, and an empty database
// with the local organisation and another workspace (to show nothing leaks between organisations).
import type { Engine, EngineStore } from '../../support/engines';

export const T0 = Date.parse('2026-03-02T12:00:00Z');
export const ORG = 'local';
export const OTHER_ORG = 'slack:T1';

export function plantOn(engine: Engine) {
  const clock = { at: T0 };
  const now = () => clock.at;
  return {
    clock,
    now,
    /** A fresh database for the test, the clock back at T0. */
    async open(): Promise<EngineStore> {
      clock.at = T0;
      const store = await engine.open(now);
      await store.orgs.ensure({ id: ORG, platform: 'local', name: 'Plant' });
      await store.orgs.ensure({ id: OTHER_ORG, platform: 'slack', name: 'Other' });
      return store;
    },
    /** Audit rows of one entity, oldest first. */
    audits: async (entity: string) => (await engine.rows('audit_log')).filter((r) => r.entity === entity),
  };
}
