/**
 * The message for a command name the CLI does not know, with a did-you-mean from the engine's own
 * `closest` (one edit-distance implementation in the repository). The engine is imported here, on the
 * error path only, so a correct command does not pay for loading it.
 */
export async function unknownCommandMessage(name: string, known: readonly string[]): Promise<string> {
  const { closest } = await import('@greenlca/engine');
  const near = closest(name, known, 2);
  const hint = near.length ? ` (did you mean ${near.join(' or ')}?)` : '';
  return `greenlca: [UNKNOWN_COMMAND] unknown command "${name}"${hint}. Commands: ${known.join(', ')}.\n`;
}
