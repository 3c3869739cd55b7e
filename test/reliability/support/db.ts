// Looking at a Clause5 SQLite file from outside the server, as an operator would: a separate
// connection (WAL lets it read while the server writes), never one of the server's own.
import Database from 'better-sqlite3';

function open(path: string, readonly = true): Database.Database {
  const db = new Database(path, { readonly, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

export function withDb<T>(path: string, work: (db: Database.Database) => T): T {
  const db = open(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Every table of the file (migrations bookkeeping included) with its row count. */
export function rowCounts(path: string): Record<string, number> {
  return withDb(path, (db) => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{
      name: string;
    }>;
    return Object.fromEntries(tables.map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]));
  });
}

/** Tables with an org_id column: the organisation-scoped ones. */
export function orgScopedTables(path: string): string[] {
  return withDb(path, (db) => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{
      name: string;
    }>;
    return tables
      .map((t) => t.name)
      .filter((name) => (db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).some((c) => c.name === 'org_id'));
  });
}

export function deliveryStatuses(path: string, kind?: string): Record<string, number> {
  return withDb(path, (db) => {
    const rows = (
      kind
        ? db.prepare(`SELECT status, count(*) AS n FROM deliveries WHERE kind = ? GROUP BY status`).all(kind)
        : db.prepare(`SELECT status, count(*) AS n FROM deliveries GROUP BY status`).all()
    ) as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  });
}

/** Whether a process holds the scheduler's minute-pass lease in this file. */
export function passLeaseHeld(path: string): boolean {
  return withDb(path, (db) => db.prepare(`SELECT 1 FROM leases WHERE name = 'scheduler_pass'`).get() !== undefined);
}

/** PRAGMA integrity_check of a file ('ok' when sound); opens it writable so a leftover WAL is recovered. */
export function integrityCheck(path: string): string {
  const db = open(path, false);
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
