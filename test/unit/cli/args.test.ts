import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { parseScorecardArgs } from '../../../src/cli/scorecard-args';

const spec = { format: { value: true, choices: ['table', 'csv', 'json'] as const }, force: { value: false }, org: { value: true } };

describe('command-line flags', () => {
  it('accepts --flag value, --flag=value and switches, keeping positionals in order', () => {
    expect(parseArgs(['a', '--format', 'csv', 'b', '--force', '--org=slack:T1'], spec, 'x')).toEqual({
      positionals: ['a', 'b'],
      flags: { format: 'csv', force: true, org: 'slack:T1' },
    });
    expect(parseArgs(['--', '--not-a-flag'], spec, 'x').positionals).toEqual(['--not-a-flag']);
  });

  it.each([
    [['--colour', 'red'], 'x: unknown option “--colour”. Options: --format, --force, --org.'],
    [['-f'], 'x: unknown option “-f”.'],
    [['--format'], 'x: --format needs a value.'],
    [['--format', '--force'], 'x: --format needs a value.'],
    [['--format=xml'], 'x: --format must be one of table, csv, json (got “xml”).'],
    [['--force=yes'], 'x: --force takes no value.'],
    [['--org', 'a', '--org', 'b'], 'x: --org is given twice.'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv, spec, 'x')).toThrow(new UsageError(message));
  });
});

describe('scorecard words', () => {
  it('splits the target from the period', () => {
    expect(parseScorecardArgs([])).toEqual({ target: undefined, period: undefined });
    expect(parseScorecardArgs(['@maria', 'month'])).toEqual({ target: '@maria', period: 'month' });
    expect(parseScorecardArgs(['ALL'])).toEqual({ target: 'all', period: undefined });
    expect(parseScorecardArgs(['site', 'Plant', 'North', 'quarter'])).toEqual({ target: 'site Plant North', period: 'quarter' });
    expect(parseScorecardArgs(['site', 'Plant 1', '2026-01-01..2026-03-31'])).toEqual({ target: 'site Plant 1', period: '2026-01-01..2026-03-31' });
    expect(parseScorecardArgs(['week'])).toEqual({ target: undefined, period: 'week' });
  });

  it('refuses a site without a name and more than one period', () => {
    expect(() => parseScorecardArgs(['site'])).toThrow(/needs the site name/);
    expect(() => parseScorecardArgs(['@maria', 'month', 'week'])).toThrow(/at most one period/);
  });
});
