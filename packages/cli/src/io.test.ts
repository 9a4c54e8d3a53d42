import { describe, expect, it } from 'vitest';
import { commands } from './commands/index.js';
import { flagsOfUsage, parseArgs, UsageError } from './io.js';

const UNCERTAINTY = flagsOfUsage('greenlca uncertainty FILE [--runs 1000] [--seed 1] [--scenario ID[,ID…]] [--data-quality 1,2,1,3,2] [--format json|table]', ['scenario']);

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseArgs with declared flags', () => {
  it('reads values, booleans, --name=value and positionals', () => {
    const spec = { values: ['format', 'mc'], booleans: ['multi'] };
    const r = parseArgs(['solve', 'dir', '--format=json', '--multi', '--mc', '10'], spec);
    expect(r.positionals).toEqual(['solve', 'dir']);
    expect([...r.flags]).toEqual([['format', 'json'], ['multi', true], ['mc', '10']]);
  });

  it('rejects every unknown flag at once, with a did-you-mean and the flags it takes (exit code 2)', () => {
    const e = usageError(() => parseArgs(['FILE', '--run', '10', '--sed', '3'], UNCERTAINTY));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('unknown flags --run (did you mean --runs?), --sed (did you mean --seed?); it takes --runs, --seed, --scenario, --data-quality, --format');
    expect(usageError(() => parseArgs(['--data-qualty', '1,1,1,1,1'], UNCERTAINTY)).message).toMatch(/^unknown flag --data-qualty \(did you mean --data-quality\?\)/);
    expect(usageError(() => parseArgs(['--verbose'], UNCERTAINTY)).message).toMatch(/^unknown flag --verbose; it takes/);
    expect(usageError(() => parseArgs(['--x'], { values: [] })).message).toBe('unknown flag --x; it takes no flags');
    // The unknown flag's value is not taken for a positional.
    expect(usageError(() => parseArgs(['--run', '10', 'FILE'], UNCERTAINTY)).message).not.toContain('FILE');
  });

  it('keeps every value of a repeatable flag, and refuses a repeated one-off flag or a value on a boolean', () => {
    const r = parseArgs(['--scenario', 'a', '--scenario=b,c'], UNCERTAINTY);
    expect(r.repeated.get('scenario')).toEqual(['a', 'b,c']);
    expect(usageError(() => parseArgs(['--runs', '10', '--runs', '20'], UNCERTAINTY)).message).toBe('--runs is given more than once');
    expect(usageError(() => parseArgs(['--multi=yes'], { values: [], booleans: ['multi'] })).message).toBe('--multi takes no value');
  });

  it('keeps single-dash words and everything after -- as positionals, and names a value flag left without its value', () => {
    const r = parseArgs(['-', '--runs', '-5', 'FILE', '--', '--seed'], UNCERTAINTY);
    expect(r.positionals).toEqual(['-', 'FILE', '--seed']);
    expect(r.flags.get('runs')).toBe('-5');
    expect(usageError(() => parseArgs(['--runs', '--seed', '3'], UNCERTAINTY)).message).toBe('--runs needs a value');
    expect(parseArgs(['FILE', '--runs'], UNCERTAINTY).flags.get('runs')).toBe(true);
  });

  it('without a declaration (the older list of booleans) stays permissive', () => {
    expect([...parseArgs(['--anything', 'x', '--list'], ['list']).flags]).toEqual([['anything', 'x'], ['list', true]]);
  });
});

describe('flagsOfUsage', () => {
  it('reads value flags and booleans from a usage line', () => {
    expect(UNCERTAINTY).toEqual({ values: ['runs', 'seed', 'scenario', 'data-quality', 'format'], booleans: [], repeatable: ['scenario'] });
    expect(flagsOfUsage('greenlca network solve DIR --format json [--multi] [--mc N]')).toEqual({ values: ['format', 'mc'], booleans: ['multi'], repeatable: [] });
    expect(flagsOfUsage('greenlca evaluate FILE --spec SPEC [--format json|table]  |  greenlca evaluate --list').booleans).toEqual(['list']);
  });

  it('gives every command a declaration that accepts the flags its usage documents', async () => {
    for (const [name, load] of Object.entries(commands)) {
      const { usage } = (await load()).command;
      const spec = flagsOfUsage(usage);
      const documented = [...usage.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!);
      expect([...spec.values, ...(spec.booleans ?? [])].sort(), name).toEqual([...new Set(documented)].sort());
    }
  });
});
