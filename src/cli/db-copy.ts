// `clause5 db copy --to postgres://…`: moves the SQLite database (CLAUSE5_DB) into an empty
// PostgreSQL database, then prints the row counts and the scorecard check of both engines.
// Exit 1 when the target is refused or anything differs.
import { resolve } from 'node:path';
import type { Config } from '../config';
import { CopyRefused } from '../store/pg/copy';
import { runDbCopy, SourceMissing } from '../store/pg/copy-run';
import { describeUrl } from '../store/pg/db';
import { CliFailure, type CliIO } from './io';

export async function dbCopyCommand(config: Readonly<Config>, url: string, io: CliIO, nowMs = Date.now()): Promise<number> {
  const sqlitePath = resolve(config.CLAUSE5_DB);
  const where = describeUrl(url);
  io.out(`Copying ${sqlitePath} into PostgreSQL at ${where} …`);
  let result: Awaited<ReturnType<typeof runDbCopy>>;
  try {
    result = await runDbCopy({ sqlitePath, url, nowMs, defaultZone: config.CLAUSE5_DEFAULT_TZ });
  } catch (error) {
    if (error instanceof CopyRefused || error instanceof SourceMissing) throw new CliFailure(error.message);
    throw error;
  }
  const { copied, check, ms } = result;
  const total = copied.reduce((n, t) => n + t.rows, 0);
  io.out(`Copied ${total} rows in ${copied.length} tables (${ms.copy} ms); sequences restart after the largest id.`);
  const width = Math.max(...check.tables.map((t) => t.name.length));
  io.out(`${'table'.padEnd(width)}  ${'sqlite'.padStart(9)}  ${'postgres'.padStart(9)}`);
  for (const t of check.tables) {
    io.out(`${t.name.padEnd(width)}  ${String(t.sqlite).padStart(9)}  ${String(t.postgres).padStart(9)}${t.sqlite === t.postgres ? '' : '  ← differs'}`);
  }
  io.out(
    `Scorecards ${check.from}..${check.to}: ${check.leaders} leaders in ${check.organisations} organisation(s) compared on both engines (${ms.check} ms).`,
  );
  if (check.differences.length === 0) {
    io.out('Result: equal — every table has the same rows and every leader the same scorecard figures on both engines.');
    return 0;
  }
  io.err(`Result: ${check.differences.length} difference(s):`);
  for (const d of check.differences) io.err(`  ${d}`);
  return 1;
}
