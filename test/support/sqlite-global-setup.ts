// The vitest global setup of both projects (vitest.config.ts): once per run it migrates one SQLite
// file with the product's own openDatabase (every migration, the audit chain, the rollup triggers).
// Each test core's database is a copy of it (a millisecond) instead of a migration of its own
// (tens of milliseconds, over a thousand times a run). A broken migration fails here, for every test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/sqlite/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The path of the run's migrated, empty SQLite file. */
    sqliteTemplate: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'clause5-template-'));
  const template = join(dir, 'template.db');
  // Closing checkpoints the WAL into the file: a plain copy of it is the whole database.
  openDatabase(template).close();
  project.provide('sqliteTemplate', template);
  return () => rmSync(dir, { recursive: true, force: true });
}
