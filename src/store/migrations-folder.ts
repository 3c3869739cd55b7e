// Where an engine's committed migrations are: the first `db/<sub>` folder with a drizzle journal
// above `from` (three folders up from the source files, one up from the bundle in dist/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findMigrations(from: string, sub: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'db', sub);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no db/${sub} folder above ${from}`);
  }
}
