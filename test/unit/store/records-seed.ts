// Seeds the rows the record repositories read but other areas write (sites, people, meetings,
// prompts, walks), through plain SQL both engines accept: literal values, RETURNING the id.
import type { Engine, EngineStore } from '../../support/engines';

export const ORG = 'local';
export const OTHER_ORG = 'slack:T1';
type Row = Record<string, string | number | boolean | null | undefined>;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** Inserts one row and returns its id (undefined for tables keyed otherwise). */
export async function seedRow(engine: Engine, table: string, values: Row, returning = 'id'): Promise<number> {
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  const sql = `INSERT INTO ${table} (${keys.map(snake).join(', ')}) VALUES (${keys.map((k) => literal(values[k] as string | number | boolean | null)).join(', ')}) RETURNING ${returning}`;
  const [row] = await engine.execute(sql);
  return row?.[returning] as number;
}

export async function seedSite(engine: Engine, name: string, orgId = ORG): Promise<number> {
  return seedRow(engine, 'sites', { orgId, name, nameKey: name.toLowerCase(), timeZone: 'America/Chicago', createdAt: 0 });
}

export async function seedPerson(engine: Engine, id: string, name: string, extra: Row = {}): Promise<void> {
  await seedRow(engine, 'people', { id, orgId: ORG, displayName: name, role: 'leader', joinedOn: '2026-01-01', createdAt: 0, updatedAt: 0, ...extra }, 'id');
}

/** An empty store with the two organisations. */
export async function openRecords(engine: Engine, now: () => number): Promise<EngineStore> {
  const store = await engine.open(now);
  await store.orgs.ensure({ id: ORG, platform: 'local', name: 'Acme' });
  await store.orgs.ensure({ id: OTHER_ORG, platform: 'slack', name: 'Other' });
  return store;
}
