/**
 * @greenlca/cli as a library: the commands `greenlca` runs, for embedding them in another tool.
 *
 * @example
 * import { commands, processIo } from '@greenlca/cli';
 * const { command } = await commands.calc!();
 * const exitCode = await command.run(['product.json', '--format', 'json'], processIo());
 */
export { commands, type Command } from './commands/index.js';
export { processIo, UsageError, type Io } from './io.js';
export { versionText } from './version.js';
