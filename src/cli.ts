// Command-line entry: `npm run clause5 -- <command>`; `npm start` runs `serve`.
// Exit codes: 0 done, 1 failed (configuration or the operation), 2 bad command or option.
// Commands are imported when run, so `help` or a typo answers without loading the whole bot.
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config';
import { parseArgs, stringFlag, UsageError } from './cli/args';
import { CliFailure, processIO, type CliIO } from './cli/io';
import type { ReportFormat } from './cli/scorecard';
import { parseScorecardArgs, splitChartWords } from './cli/scorecard-args';
import { USAGE } from './cli/usage';

type Command = (argv: string[], config: () => Readonly<Config>, io: CliIO) => Promise<number>;

const noArgs = (name: string, argv: string[]) => {
  const { positionals } = parseArgs(argv, {}, name);
  if (positionals.length) throw new UsageError(`${name} takes no arguments (got “${positionals.join(' ')}”).`);
};

const commands: Record<string, Command> = {
  async serve(argv, config) {
    noArgs('serve', argv);
    const { serve } = await import('./cli/serve');
    await serve(config());
    return 0;
  },
  async migrate(argv, config, io) {
    noArgs('migrate', argv);
    const { migrateCommand } = await import('./cli/migrate');
    return migrateCommand(config(), io);
  },
  async 'seed-demo'(argv, config, io) {
    noArgs('seed-demo', argv);
    const { seedDemoCommand } = await import('./cli/seed-demo');
    return seedDemoCommand(config(), io);
  },
  async tick(argv, config, io) {
    const parsed = parseArgs(argv, { at: { value: true }, force: { value: false } }, 'tick');
    if (parsed.positionals.length) throw new UsageError(`tick takes only --at (got “${parsed.positionals.join(' ')}”).`);
    const at = stringFlag(parsed, 'at');
    if (!at) throw new UsageError('tick needs --at <ISO time>, e.g. tick --at 2026-11-23T13:00:00Z.');
    const { parseInstant, tickCommand } = await import('./cli/tick');
    return tickCommand(config(), parseInstant(at), io, Date.now(), { force: parsed.flags.force === true });
  },
  async scorecard(argv, config, io) {
    const parsed = parseArgs(
      argv,
      { format: { value: true, choices: ['table', 'csv', 'json', 'png'] }, org: { value: true }, out: { value: true } },
      'scorecard',
    );
    const { words: positionals, chart } = splitChartWords(parsed.positionals);
    const words = parseScorecardArgs(positionals);
    const format = (stringFlag(parsed, 'format') ?? (chart ? 'png' : 'table')) as ReportFormat | 'png';
    if (format === 'png') {
      const out = stringFlag(parsed, 'out');
      if (!out) throw new UsageError('scorecard --format png needs --out <file.png>, e.g. scorecard all month chart trend --format png --out trend.png.');
      const { scorecardChartCommand } = await import('./cli/scorecard-chart');
      return scorecardChartCommand(config(), { ...words, chart: chart ?? 'trend', out, org: stringFlag(parsed, 'org') }, io);
    }
    if (chart) throw new UsageError('scorecard … chart draws a picture: add --format png --out <file.png>.');
    const { scorecardCommand } = await import('./cli/scorecard');
    return scorecardCommand(config(), { ...words, format, org: stringFlag(parsed, 'org') }, io);
  },
  async roster(argv, config, io) {
    const parsed = parseArgs(argv, { org: { value: true }, 'create-sites': { value: false } }, 'roster');
    const [sub, file, ...extra] = parsed.positionals;
    if (sub !== 'import') throw new UsageError(`roster: the only sub-command is “import” (got “${sub ?? ''}”).`);
    if (!file) throw new UsageError('roster import needs a CSV file, e.g. roster import people.csv.');
    if (extra.length) throw new UsageError(`roster import takes one file (got also “${extra.join(' ')}”).`);
    const { rosterImportCommand } = await import('./cli/roster');
    return rosterImportCommand(config(), file, stringFlag(parsed, 'org'), io, parsed.flags['create-sites'] === true);
  },
  async backup(argv, config, io) {
    const parsed = parseArgs(argv, { force: { value: false } }, 'backup');
    const [file, ...extra] = parsed.positionals;
    if (!file) throw new UsageError('backup needs the file to write, e.g. backup ./backups/clause5-2026-11-23.db.');
    if (extra.length) throw new UsageError(`backup takes one file (got also “${extra.join(' ')}”).`);
    const { backupCommand } = await import('./cli/backup');
    return backupCommand(config(), { file, force: parsed.flags.force === true }, io);
  },
  async dashboard(argv, config, io) {
    const parsed = parseArgs(argv, { org: { value: true } }, 'dashboard');
    const [sub, handle, ...extra] = parsed.positionals;
    if (sub !== 'link') throw new UsageError(`dashboard: the only sub-command is “link” (got “${sub ?? ''}”).`);
    if (!handle) throw new UsageError('dashboard link needs a person, e.g. dashboard link @quinn.');
    if (extra.length) throw new UsageError(`dashboard link takes one person (got also “${extra.join(' ')}”).`);
    const { dashboardLinkCommand } = await import('./cli/dashboard');
    return dashboardLinkCommand(config(), handle, stringFlag(parsed, 'org'), io);
  },
  async rollups(argv, config, io) {
    const parsed = parseArgs(argv, { org: { value: true } }, 'rollups');
    const [sub, ...extra] = parsed.positionals;
    if (sub !== 'rebuild') throw new UsageError(`rollups: the only sub-command is “rebuild” (got “${sub ?? ''}”).`);
    if (extra.length) throw new UsageError(`rollups rebuild takes only --org (got “${extra.join(' ')}”).`);
    const { rollupsRebuildCommand } = await import('./cli/rollups');
    return rollupsRebuildCommand(config(), stringFlag(parsed, 'org'), io);
  },
  async verify(argv, config, io) {
    const parsed = parseArgs(argv, { org: { value: true } }, 'verify');
    if (parsed.positionals.length) throw new UsageError(`verify takes only --org (got “${parsed.positionals.join(' ')}”).`);
    const { verifyCommand } = await import('./cli/verify');
    return verifyCommand(config(), stringFlag(parsed, 'org'), io);
  },
  async evidence(argv, config, io) {
    const parsed = parseArgs(
      argv,
      {
        site: { value: true },
        from: { value: true },
        to: { value: true },
        format: { value: true, choices: ['md', 'html', 'pdf', 'csv', 'zip'] },
        out: { value: true },
        org: { value: true },
      },
      'evidence',
    );
    if (parsed.positionals.length) throw new UsageError(`evidence takes only options (got “${parsed.positionals.join(' ')}”).`);
    const from = stringFlag(parsed, 'from');
    const to = stringFlag(parsed, 'to');
    const out = stringFlag(parsed, 'out');
    if (!from || !to) throw new UsageError('evidence needs --from and --to dates, e.g. --from 2026-01-01 --to 2026-12-31.');
    if (!out) throw new UsageError('evidence needs --out <file>, e.g. --out evidence-2026.pdf.');
    const format = (stringFlag(parsed, 'format') ?? 'pdf') as 'md' | 'html' | 'pdf' | 'csv' | 'zip';
    const { evidenceCommand } = await import('./cli/evidence');
    return evidenceCommand(config(), { site: stringFlag(parsed, 'site'), from, to, format, out, org: stringFlag(parsed, 'org') }, io);
  },
  async person(argv, config, io) {
    const parsed = parseArgs(argv, { org: { value: true }, out: { value: true }, by: { value: true }, yes: { value: false } }, 'person');
    const [sub, handle, ...extra] = parsed.positionals;
    if (sub !== 'export' && sub !== 'erase') throw new UsageError(`person: the sub-commands are “export” and “erase” (got “${sub ?? ''}”).`);
    if (!handle) throw new UsageError(`person ${sub} needs a person, e.g. person ${sub} @maria.`);
    if (extra.length) throw new UsageError(`person ${sub} takes one person (got also “${extra.join(' ')}”).`);
    const args = { handle, org: stringFlag(parsed, 'org'), out: stringFlag(parsed, 'out'), by: stringFlag(parsed, 'by'), yes: parsed.flags.yes === true };
    const { personEraseCommand, personExportCommand } = await import('./cli/person');
    return sub === 'export' ? personExportCommand(config(), args, io) : personEraseCommand(config(), args, io);
  },
  async secrets(argv, config, io) {
    const parsed = parseArgs(argv, {}, 'secrets');
    const [sub, ...extra] = parsed.positionals;
    if (extra.length) throw new UsageError(`secrets ${sub} takes no arguments (got “${extra.join(' ')}”).`);
    const { newKeyCommand, rotateCommand } = await import('./cli/secrets');
    if (sub === 'new-key') return newKeyCommand(io);
    if (sub === 'rotate') return rotateCommand(config(), io);
    throw new UsageError(`secrets: the sub-commands are “new-key” and “rotate” (got “${sub ?? ''}”).`);
  },
  async db(argv, config, io) {
    const parsed = parseArgs(argv, { to: { value: true } }, 'db');
    const [sub, ...extra] = parsed.positionals;
    if (sub !== 'copy') throw new UsageError(`db: the only sub-command is “copy” (got “${sub ?? ''}”).`);
    if (extra.length) throw new UsageError(`db copy takes only --to (got “${extra.join(' ')}”).`);
    const to = stringFlag(parsed, 'to');
    if (!to || !/^postgres(ql)?:\/\//.test(to)) throw new UsageError('db copy needs --to postgres://user@host:5432/database (an empty database).');
    const { dbCopyCommand } = await import('./cli/db-copy');
    return dbCopyCommand(config(), to, io);
  },
  async help(_argv, _config, io) {
    io.out(USAGE);
    return 0;
  },
};

/** Runs one command; `env` (tests running it in-process) replaces the process's environment and `.env`. */
export async function runCli(argv: string[], io: CliIO = processIO, env?: NodeJS.ProcessEnv): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const command = commands[name === '--help' || name === '-h' ? 'help' : name];
  if (!command) {
    io.err(`Unknown command “${name}”.\n`);
    io.err(USAGE);
    return 2;
  }
  const config = () => {
    if (env) return loadConfig(env);
    loadDotEnv();
    return loadConfig();
  };
  try {
    return await command(rest, config, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      io.err(USAGE);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof CliFailure) {
      io.err(error.message);
      return 1;
    }
    io.err(`clause5 ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
