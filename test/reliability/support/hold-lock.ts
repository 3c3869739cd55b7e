// Another process holding the database's write lock: opens the file, takes the write lock
// (BEGIN IMMEDIATE + a write), says "locked", keeps it for <ms>, commits, says "released".
// Usage: node --import tsx test/reliability/support/hold-lock.ts <db> <ms>
import Database from 'better-sqlite3';

const [path, ms] = process.argv.slice(2);
if (!path || !ms) throw new Error('usage: hold-lock <db> <ms>');
const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 10000');
db.exec('BEGIN IMMEDIATE');
db.prepare(`INSERT INTO scheduler_state (key, value) VALUES ('reliability.lock', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
  String(Date.now()),
);
process.stdout.write('locked\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\n');
}, Number(ms));
