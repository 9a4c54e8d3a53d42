import { resolve } from 'node:path';

/** What a command may touch: its output streams and the caller's working directory. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolve a path the user typed against the directory they typed it in. */
  path: (p: string) => string;
}

export function processIo(): Io {
  // `pnpm greenlca …` runs in the repo root; INIT_CWD is where the user was.
  const base = process.env.INIT_CWD ?? process.cwd();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    path: (p) => resolve(base, p),
  };
}

/** A failure the user can fix: printed as a message, never as a stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/** Minimal flag parser: `--name value`, `--flag`, and positionals. */
export function parseArgs(args: string[], booleans: readonly string[] = []): {
  positionals: string[];
  flags: Map<string, string | true>;
} {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else if (booleans.includes(arg.slice(2)) || i + 1 >= args.length || args[i + 1]!.startsWith('--')) flags.set(arg.slice(2), true);
      else flags.set(arg.slice(2), args[++i]!);
    } else positionals.push(arg);
  }
  return { positionals, flags };
}

export function flagString(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}
