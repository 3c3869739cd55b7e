// `clause5 roster import <file.csv> [--org <id>]`: all or nothing; every bad row is reported with its
// line number and then nothing is imported (exit code 1).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config';
import { isUserError } from '../core/errors';
import { importRoster } from '../core/people/roster';
import { chooseOrg } from './org';
import { withRuntime } from './context';
import { CliFailure, type CliIO } from './io';

export async function rosterImportCommand(config: Readonly<Config>, file: string, org: string | undefined, io: CliIO, createSites = false): Promise<number> {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliFailure(`There is no file ${path}.`);
  const csv = readFileSync(path, 'utf8');
  return withRuntime(config, { io }, async (runtime) => {
    const orgId = await chooseOrg(runtime.store, org, { createLocal: true });
    try {
      const result = await importRoster(runtime.core.deps, orgId, csv, null, { createSites });
      if (result.errors.length > 0) {
        io.err(`${path}: ${result.errors.length} bad row(s); nothing was imported.`);
        for (const e of result.errors) io.err(`  line ${e.line}: ${e.message}`);
        return 1;
      }
      io.out(`Imported ${result.imported} row(s) from ${path} into ${orgId}.`);
      return 0;
    } catch (error) {
      if (isUserError(error)) throw new CliFailure(error.message);
      throw error;
    }
  });
}
