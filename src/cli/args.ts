// A small, strict argv parser: known flags only, '--flag value' or '--flag=value', booleans without
// a value. Anything unexpected is a UsageError (exit code 2 with the usage text).

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** Takes a value (`--format csv`) or is a switch (`--force`). */
  value: boolean;
  /** Allowed values, checked when given. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: readonly string[], spec: Record<string, FlagSpec>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (/^-[a-zA-Z]/.test(arg)) throw new UsageError(`${command}: unknown option “${arg}”.`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    const flag = spec[name];
    if (!flag) {
      const known = Object.keys(spec).map((k) => `--${k}`);
      throw new UsageError(`${command}: unknown option “--${name}”.${known.length ? ` Options: ${known.join(', ')}.` : ''}`);
    }
    if (name in flags) throw new UsageError(`${command}: --${name} is given twice.`);
    if (!flag.value) {
      if (eq > 0) throw new UsageError(`${command}: --${name} takes no value.`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${command}: --${name} needs a value.`);
      i++;
    }
    if (value === '') throw new UsageError(`${command}: --${name} needs a value.`);
    if (flag.choices && !flag.choices.includes(value)) {
      throw new UsageError(`${command}: --${name} must be one of ${flag.choices.join(', ')} (got “${value}”).`);
    }
    flags[name] = value;
  }
  return { positionals, flags };
}

export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags[name];
  return typeof v === 'string' ? v : undefined;
}
