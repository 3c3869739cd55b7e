// Preload for a serve (`node --import …/count-statements.mjs`): counts the statements its
// node-postgres clients send, by text, and writes them to $CLAUSE5_COUNT_STATEMENTS/<pid>.json when
// the process exits. Bench instrumentation (instances.ts --count-statements DIR), not the product's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const dir = process.env.CLAUSE5_COUNT_STATEMENTS;
if (dir) {
  const counts = new Map();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function counted(first, ...rest) {
    const text = typeof first === 'string' ? first : first?.text;
    if (typeof text === 'string') counts.set(text, (counts.get(text) ?? 0) + 1);
    return query.call(this, first, ...rest);
  };
  process.on('exit', () => writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(Object.fromEntries(counts))));
}
