// `clause5 person export @x [--out file]` (everything Clause5 holds about them, as JSON) and
// `clause5 person erase @x --by @admin [--yes]` (the pseudonym and "(erased)" text; see
// store/sqlite/privacy/erase.ts). Erasure is recorded as done by the admin named with --by.
import { writeFileSync } from 'node:fs';
import type { Config } from '../config';
import { UserError } from '../core/errors';
import { findPerson } from '../core/scorecard/target';
import { withRuntime } from './context';
import { CliFailure, type CliIO } from './io';
import { chooseOrg } from './org';
import type { Runtime } from '../main';

export interface PersonArgs {
  handle: string;
  org?: string;
  out?: string;
  by?: string;
  yes?: boolean;
}

async function lookUp(runtime: Runtime, orgId: string, handle: string) {
  return findPerson(runtime.core.deps, orgId, handle).catch((error: unknown) => {
    throw error instanceof UserError ? new CliFailure(error.message) : error;
  });
}

export async function personExportCommand(config: Readonly<Config>, args: PersonArgs, io: CliIO): Promise<number> {
  return withRuntime(config, { io }, async (runtime) => {
    const orgId = await chooseOrg(runtime.store, args.org);
    const person = await lookUp(runtime, orgId, args.handle);
    const json = `${JSON.stringify(await runtime.store.privacy.export(orgId, person.id, runtime.core.deps.clock.now()), null, 2)}\n`;
    if (!args.out) {
      io.out(json.trimEnd());
      return 0;
    }
    writeFileSync(args.out, json, { mode: 0o600 });
    io.out(`Wrote everything Clause5 holds about ${person.displayName} to ${args.out}`);
    return 0;
  });
}

export async function personEraseCommand(config: Readonly<Config>, args: PersonArgs, io: CliIO): Promise<number> {
  return withRuntime(config, { io }, async (runtime) => {
    const orgId = await chooseOrg(runtime.store, args.org);
    if (!args.by) throw new CliFailure('person erase needs --by @admin: the admin who asked for it, recorded with the erasure.');
    const admin = await lookUp(runtime, orgId, args.by);
    if (admin.role !== 'admin') throw new CliFailure(`${admin.displayName} is not an admin: only an admin can erase a person.`);
    const person = await lookUp(runtime, orgId, args.handle);
    if (await runtime.store.privacy.isErased(orgId, person.id)) throw new CliFailure(`${person.displayName} was erased already.`);
    if (!args.yes) {
      io.out(
        `This erases ${person.displayName}: their name becomes a pseudonym and the text they wrote becomes “(erased)”, in the records and in the audit log. Counts and dates stay. It cannot be undone.\n` +
          `Run again with --yes to erase.`,
      );
      return 2;
    }
    const summary = await runtime.store.privacy.erase(orgId, person.id, admin.id).catch((error: unknown) => {
      throw error instanceof UserError ? new CliFailure(error.message) : error;
    });
    const records = Object.entries(summary.records)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    io.out(
      `${person.displayName} is now “${summary.pseudonym}”. Records rewritten: ${records || 'none'}; audit entries rewritten: ${summary.entries}. The erasure is in the tamper-evident record; verify checks it.`,
    );
    return 0;
  });
}
