#!/usr/bin/env node
import { commands } from './commands/index.js';
import { formatUsageError, processIo, UsageError } from './io.js';
import { unknownCommandMessage } from './unknown-command.js';
import { versionText } from './version.js';

async function main(argv: string[]): Promise<number> {
  const io = processIo();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    const lines = ['greenlca: product life-cycle assessment and carbon footprints', '', 'Commands:'];
    for (const [key, load] of Object.entries(commands)) lines.push(`  ${(await load()).command.usage}`);
    lines.push('', 'greenlca --version prints the version. FILE - reads the file from standard input.');
    io.stdout(lines.join('\n') + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(versionText());
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(await unknownCommandMessage(name, Object.keys(commands)));
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help')) {
    io.stdout(`usage: ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(formatUsageError(name, error));
      return error.exitCode;
    }
    // Unexpected: still no stack trace for the user unless asked for.
    io.stderr(`greenlca ${name}: [INTERNAL] internal error: ${(error as Error).message}\n`);
    if (process.env.GREENLCA_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return 70;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
