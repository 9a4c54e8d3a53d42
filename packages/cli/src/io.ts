import { resolve } from 'node:path';
import { parseArgs as nodeParseArgs } from 'node:util';
import { closest } from '@greenlca/engine';
import { STDIN } from './stdin.js';

/** What a command may touch: its output streams and the caller's working directory. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolve a path the user typed against the directory they typed it in (`-`, standard input, is kept). */
  path: (p: string) => string;
}

export function processIo(): Io {
  // `pnpm greenlca …` runs in the repo root; INIT_CWD is where the user was.
  const base = process.env.INIT_CWD ?? process.cwd();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // `-` stays `-`: read as standard input (read-json.ts), not as a file named "-".
    path: (p) => (p === STDIN ? p : resolve(base, p)),
  };
}

/**
 * Codes of the failures the CLI reports itself (input problems in a product carry the engine's codes):
 * stable, so scripts can key on them. Listed in README.md (The command line).
 */
export type CliErrorCode =
  | 'USAGE' | 'UNKNOWN_COMMAND' | 'FILE_NOT_FOUND' | 'FILE_UNREADABLE' | 'FILE_NOT_WRITTEN' | 'EMPTY_INPUT' | 'INVALID_JSON'
  | 'NOT_A_PRODUCT' | 'NOT_A_SPECIFICATION' | 'NOT_A_STUDY' | 'NOT_AN_OLCA_PACKAGE' | 'NO_MATCH' | 'AMBIGUOUS_MATCH'
  | 'OLCA_CALCULATION' | 'NETWORK_INPUT' | 'PACT_EXPORT' | 'FONT_NOT_FOUND' | 'SERVER' | 'INTERNAL';

/** A failure the user can fix: printed with its code as a message, never as a stack trace. */
export class UsageError extends Error {
  readonly code: CliErrorCode;
  constructor(message: string, readonly exitCode = 2, code?: CliErrorCode, readonly hint?: string) {
    super(message);
    this.code = code ?? 'USAGE';
  }
}

/** How the CLI prints its own failures: `greenlca calc: [INVALID_JSON] … (fix: …)`. */
export function formatUsageError(command: string, error: UsageError): string {
  return `greenlca ${command}: [${error.code}] ${error.message}${error.hint ? `\n      fix: ${error.hint}` : ''}\n`;
}

/**
 * The flags a command accepts. `values` take a value (`--runs 10` or `--runs=10`), `booleans` none
 * (`--multi`), and `repeatable` value flags may be given more than once (all values are kept in
 * `repeated`). Anything else is a usage error with a did-you-mean, never silently ignored.
 */
export interface FlagSpec {
  values: readonly string[];
  booleans?: readonly string[];
  repeatable?: readonly string[];
}

/**
 * The flags a usage line documents: `--name VALUE` takes a value, `--name` followed by `]`, `|` or
 * nothing is a boolean. Declaring a command's flags through its usage keeps the parser and the help
 * text from drifting apart. `repeatable` lists value flags that may be repeated.
 */
export function flagsOfUsage(usage: string, repeatable: readonly string[] = []): FlagSpec {
  const values = new Set<string>();
  const booleans = new Set<string>();
  for (const m of usage.matchAll(/--([a-z][a-z0-9-]*)(=?)(\s+|\]|$)?(\S)?/g)) {
    const [, name, eq, space, next] = m;
    const takesValue = eq === '=' || (space !== undefined && /^\s+$/.test(space) && next !== undefined && !'[]|-'.includes(next));
    (takesValue ? values : booleans).add(name!);
  }
  for (const name of values) booleans.delete(name);
  return { values: [...values], booleans: [...booleans], repeatable };
}

/**
 * Flag parser over `node:util`'s `parseArgs` (its tokens): `--name value`, `--name=value`, `--flag`,
 * positionals, and `--` ending the flags. With a `FlagSpec`, a flag the command does not declare, a value
 * given to a boolean, or a non-repeatable flag given twice is a `UsageError` (exit code 2) naming the
 * closest declared flag, every unknown flag at once. With a list (the older form) it is the booleans only,
 * and unknown flags are not checked. A single-dash word (`-`, `-5`) stays a positional, as before.
 */
export function parseArgs(args: string[], spec: readonly string[] | FlagSpec = []): {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Every value of each value flag, in order (for repeatable flags). */
  repeated: Map<string, string[]>;
} {
  const declared = Array.isArray(spec) ? undefined : (spec as FlagSpec);
  const booleans: readonly string[] = declared ? declared.booleans ?? [] : (spec as readonly string[]);
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of declared?.values ?? []) options[name] = { type: 'string' };
  for (const name of booleans) options[name] = { type: 'boolean' };
  const { tokens } = nodeParseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });

  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const unknown: string[] = [];
  const shortWords = new Set<number>();
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (!token.rawName.startsWith('--')) {
      // node reads "-5" as short options; the CLI has none, so the word is a positional (once per word).
      if (!shortWords.has(token.index)) positionals.push(args[token.index]!);
      shortWords.add(token.index);
      continue;
    }
    const { name } = token;
    let value: string | true | undefined = token.value;
    if (!(name in options)) {
      // An undeclared flag takes the word after it as its value (never a positional).
      const next = tokens[t + 1];
      if (value === undefined && next?.kind === 'positional' && next.index === token.index + 1) {
        value = next.value;
        t++;
      }
      if (declared) {
        unknown.push(name);
        continue;
      }
    } else if (declared) checkFlag(name, declared, token.inlineValue === true, flags.has(name));
    if (value !== undefined && !token.inlineValue && value.startsWith('--') && options[name]?.type === 'string') {
      throw new UsageError(`--${name} needs a value`);
    }
    value ??= true;
    flags.set(name, value);
    if (value !== true) repeated.set(name, [...(repeated.get(name) ?? []), value]);
  }
  if (declared && unknown.length) {
    const known = [...declared.values, ...(declared.booleans ?? [])];
    const each = unknown.map((name) => {
      const near = closestFlags(name, known);
      return `--${name}${near.length ? ` (did you mean ${near.map((n) => `--${n}`).join(' or ')}?)` : ''}`;
    });
    const list = known.length ? `it takes ${known.map((k) => `--${k}`).join(', ')}` : 'it takes no flags';
    throw new UsageError(`unknown flag${unknown.length > 1 ? 's' : ''} ${each.join(', ')}; ${list}`);
  }
  return { positionals, flags, repeated };
}

function isDeclared(name: string, spec: FlagSpec): boolean {
  return spec.values.includes(name) || (spec.booleans ?? []).includes(name);
}

function checkFlag(name: string, spec: FlagSpec, hasValue: boolean, seen: boolean): void {
  const booleans = spec.booleans ?? [];
  if (hasValue && booleans.includes(name)) throw new UsageError(`--${name} takes no value`);
  if (seen && !(spec.repeatable ?? []).includes(name)) throw new UsageError(`--${name} is given more than once`);
}

/** Declared flags close to a mistyped one (the engine's did-you-mean rule), the nearest two. */
function closestFlags(name: string, known: readonly string[]): string[] {
  return closest(name, known, 2);
}

export function flagString(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}
