// The layering rules, checked by reading every import of the source tree:
// - src/core imports only src/core and date-fns (no platform SDK, no store, no scheduler);
// - only src/store imports drizzle or the schema (db/), so a second database engine replaces the
//   store alone — this holds for src/, test/ and scripts/;
// - the platforms reach stored state through ports (src/core/ports.ts, src/platforms/state.ts),
//   never through src/store;
// - the rest of src/ opens the store through src/store/open.ts and never learns which engine runs
//   (`db copy`, which copies one engine into the other, is the one exception).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

interface Import {
  /** The importing file, relative to the repository root with '/' separators. */
  file: string;
  /** The specifier as written. */
  specifier: string;
  /** For a relative specifier: the target relative to the repository root; otherwise the package name. */
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'));
}

const SPECIFIERS = [
  // import x / { x } / * as x / x, { y } (type or not) from '…', and export { x } / * from '…'
  /\b(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+\w+))?)\s*from\s*['"]([^'"\n]+)['"]/g,
  /^\s*import\s*['"]([^'"\n]+)['"]/gm, // import '…' (side effects only)
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, // require('…')
];

/** Every import of a file: what it names and where that points. */
export function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Import[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  for (const pattern of SPECIFIERS) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1]!;
      const target = specifier.startsWith('.')
        ? relative(ROOT, resolve(ROOT, dirname(file), specifier))
            .split(sep)
            .join('/')
        : packageOf(specifier);
      out.push({ file, specifier, target });
    }
  }
  return out;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
const show = (i: Import) => `${i.file} imports '${i.specifier}'`;

/** Core imports that break "src/core imports only src/core and date-fns". */
export function coreViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => inside(i.file, 'src/core'))
    .filter((i) => (i.specifier.startsWith('.') ? !inside(i.target, 'src/core') : !['date-fns', '@date-fns/tz'].includes(i.target)))
    .map(show);
}

/** Imports of drizzle or the schema from outside src/store. */
export function databaseViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => !inside(i.file, 'src/store'))
    .filter((i) => i.target === 'drizzle-orm' || i.target === 'drizzle-kit' || inside(i.target, 'db'))
    .map(show);
}

/** Platform imports of the store. */
export function platformViolations(imports: Import[]): string[] {
  return imports.filter((i) => inside(i.file, 'src/platforms') && inside(i.target, 'src/store')).map(show);
}

/** The engine-neutral entrances to src/store, and the one command that needs both engines. */
const STORE_ENTRANCES = ['src/store/open', 'src/store/opened', 'src/store/secret-box'];
const KNOWS_BOTH_ENGINES = ['src/cli/db-copy.ts'];

/** Imports from outside src/store of an engine's own code (src/store/sqlite, src/store/pg, …). */
export function engineViolations(imports: Import[]): string[] {
  return imports
    .filter((i) => inside(i.file, 'src') && !inside(i.file, 'src/store') && !KNOWS_BOTH_ENGINES.includes(i.file))
    .filter((i) => inside(i.target, 'src/store') && !STORE_ENTRANCES.includes(i.target.replace(/\.(ts|js)$/, '')))
    .map(show);
}

// This file is left out: its examples of bad imports are text, not imports.
const SELF = relative(ROOT, __filename).split(sep).join('/');
const all = ['src', 'test', 'scripts']
  .flatMap(sourceFiles)
  .filter((f) => f !== SELF)
  .flatMap((f) => importsOf(f));

describe('layering', () => {
  it('reads the imports it checks (the scan is not empty)', () => {
    expect(all.filter((i) => inside(i.file, 'src/core')).length).toBeGreaterThan(100);
    expect(all.some((i) => inside(i.file, 'src/store') && i.target === 'drizzle-orm')).toBe(true);
  });

  it('src/core imports only src/core and date-fns', () => {
    expect(coreViolations(all)).toEqual([]);
  });

  it('nothing outside src/store imports drizzle or the schema', () => {
    expect(databaseViolations(all)).toEqual([]);
  });

  it('the platforms reach stored state only through ports, never src/store', () => {
    expect(platformViolations(all)).toEqual([]);
  });

  it('outside src/store, src/ reaches the store through src/store/open.ts, not an engine', () => {
    expect(engineViolations(all)).toEqual([]);
  });

  it('catches each kind of bad import', () => {
    const bad = [
      ...importsOf('src/core/meetings/x.ts', "import { tick } from '../../scheduler/ticker';\nimport type { App } from '@slack/bolt';"),
      ...importsOf('src/core/x.ts', "import { format } from 'date-fns';\nconst m = await import('./model');"),
      ...importsOf('src/platforms/slack/x.ts', "import {\n  eq,\n} from 'drizzle-orm';\nimport { people } from '../../../db/schema';"),
      ...importsOf('test/unit/x.test.ts', "import * as schema from '../../db/schema';"),
      ...importsOf('src/platforms/teams/x.ts', "import type { Db } from '../../store/sqlite/db';"),
      ...importsOf('src/store/sqlite/x.ts', "import { eq } from 'drizzle-orm';\nimport { people } from '../../../db/schema';"),
    ];
    expect(coreViolations(bad)).toEqual(["src/core/meetings/x.ts imports '../../scheduler/ticker'", "src/core/meetings/x.ts imports '@slack/bolt'"]);
    expect(databaseViolations(bad)).toEqual([
      "src/platforms/slack/x.ts imports 'drizzle-orm'",
      "src/platforms/slack/x.ts imports '../../../db/schema'",
      "test/unit/x.test.ts imports '../../db/schema'",
    ]);
    expect(platformViolations(bad)).toEqual(["src/platforms/teams/x.ts imports '../../store/sqlite/db'"]);
    const cli = [
      ...importsOf('src/cli/x.ts', "import { openDatabase } from '../store/sqlite/db';\nimport { openStore } from '../store/open';"),
      ...importsOf('src/main.ts', "import type { PgDb } from './store/pg/db';\nimport { secretBoxOf } from './store/secret-box';"),
    ];
    expect(engineViolations(cli)).toEqual(["src/cli/x.ts imports '../store/sqlite/db'", "src/main.ts imports './store/pg/db'"]);
  });
});
