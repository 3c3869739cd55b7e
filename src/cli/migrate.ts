// `clause5 migrate`: create the database if needed and apply the committed migrations.
import type { Config } from '../config';
import { migrateStore } from '../store/open';
import type { CliIO } from './io';

export async function migrateCommand(config: Readonly<Config>, io: CliIO): Promise<number> {
  const { where, applied, total } = await migrateStore(config);
  io.out(`Database ${where} is up to date: ${applied === 0 ? 'no new migrations' : `applied ${applied} migration(s)`}, ${total} in total.`);
  return 0;
}
