// The command line as a user runs it, a real SQLite file in a temp folder: the usage and environment
// errors (exit codes included) from a child process, migrate and backup through the same runCli
// inside this process (a child's start-up is a second or two that they are not about).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { runCli, runCliInProcess } from '../unit/cli/support';

let dir: string;
let db: string;
beforeEach(() => {
  dir = tempDir('clause5-cli-');
  db = join(dir, 'data', 'clause5.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, dir, { CLAUSE5_DB: db, ...env });
const inProcess = (args: string[]) => runCliInProcess(args, { CLAUSE5_DB: db });

describe('clause5 command line', { timeout: 90_000 }, () => {
  it('prints help, and refuses unknown commands and bad options with the usage and exit code 2', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run clause5 -- <command>');
    expect(help.stdout).toContain('roster import <file.csv>');

    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command “frobnicate”.');
    expect(unknown.stderr).toContain('Usage:');

    const badFlag = await cli(['backup', 'x.db', '--colour']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('backup: unknown option “--colour”. Options: --force.');

    const badAt = await cli(['tick', '--at', 'tomorrow']);
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toContain('--at needs an ISO date-time with a zone');
    expect(existsSync(db)).toBe(false);
  });

  it('stops with exit code 1 and names the variable when the environment is wrong', async () => {
    const run = await cli(['migrate'], { PORT: 'abc' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT: expected');
    expect(run.stderr).toContain('got "abc"');
    expect(existsSync(db)).toBe(false);
  });

  it('migrates a new database and says so again without changes', async () => {
    const first = await inProcess(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/is up to date: applied \d+ migration\(s\)/);
    const sqlite = new Database(db, { readonly: true });
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>;
    sqlite.close();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['people', 'deliveries', 'meetings']));
    const second = await inProcess(['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('no new migrations');
  });

  it('backs up online, checks the copy and refuses to overwrite without --force', async () => {
    expect((await inProcess(['seed-demo'])).code).toBe(0);
    const target = join(dir, 'backup.db');
    const run = await inProcess(['backup', target]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('integrity_check: ok');
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("select count(*) as n from people where org_id = 'local'").get()).toEqual({ n: 9 });
    copy.close();
    expect(existsSync(`${target}-wal`)).toBe(false);

    const again = await inProcess(['backup', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists. Choose another name, or add --force to replace it.');
    const forced = await inProcess(['backup', target, '--force']);
    expect(forced.code).toBe(0);

    const noDb = await runCliInProcess(['backup', join(dir, 'other.db')], { CLAUSE5_DB: join(dir, 'missing.db') });
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('There is no database at');
  });
});
