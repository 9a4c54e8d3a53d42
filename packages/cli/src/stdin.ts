/** `-` as a file argument: the file is standard input. */
export const STDIN = '-';

/** Bytes read from standard input at most: a product document is kilobytes; a runaway pipe stops here. */
export const STDIN_LIMIT = 64 * 1024 * 1024;

/** All of standard input as UTF-8 text, refused past `limit` bytes. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin, limit = STDIN_LIMIT): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new RangeError(`standard input is larger than ${limit / 1024 / 1024} MiB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
