// The SQLite and PostgreSQL schemas describe one database: same tables, columns (kind, null,
// default, enum), primary keys, indexes, unique keys and foreign keys. A change made to one
// schema file and forgotten in the other fails here.
import { describe, expect, it } from 'vitest';
import { pgSchemaShape, sqliteSchemaShape } from '../../../src/store/schema-shape';

describe('schema parity', () => {
  const sqlite = sqliteSchemaShape();
  const pg = pgSchemaShape();

  it('reads every table of both schemas', () => {
    expect(sqlite.length).toBeGreaterThan(20);
    expect(sqlite.flatMap((t) => t.columns).every((c) => !c.kind.startsWith('unmapped'))).toBe(true);
    expect(pg.flatMap((t) => t.columns).every((c) => !c.kind.startsWith('unmapped'))).toBe(true);
  });

  it('has the same tables on both engines', () => {
    expect(pg.map((t) => t.name)).toEqual(sqlite.map((t) => t.name));
  });

  // One assertion per table, so a failure names the table and shows the differing column or index.
  for (const table of sqlite) {
    it(`${table.name}: same columns, keys and indexes`, () => {
      expect(pg.find((t) => t.name === table.name)).toEqual(table);
    });
  }
});
