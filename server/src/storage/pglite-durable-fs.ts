import fs from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's data directory on the real file system, with fsync that reaches the disk.
 *
 * PGlite mounts the data directory with Emscripten's NODEFS, whose streams have no `fsync`: the
 * `fd_sync` system call then answers success without doing anything, and `fdatasync` is a no-op
 * whatever the stream. So even with PostgreSQL's fsync on, nothing would be flushed. This adds
 * `fsync` to NODEFS's streams (before PostgreSQL starts, so recovery is covered too), and the start
 * parameters in pglite.ts use `wal_sync_method=fsync`, the one method that reaches it.
 */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(pg, opts);
    const preRun = [...(emscriptenOpts.preRun ?? []), (mod: typeof emscriptenOpts) => addFsync(mod)];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

/** The parts of Emscripten's NODEFS used here (not in PGlite's types). */
interface NodeFsInternals {
  stream_ops: Record<string, unknown>;
  realPath(node: unknown): string;
  tryFSOperation<T>(f: () => T): T;
}

function addFsync(mod: unknown): void {
  const nodefs = (mod as { NODEFS?: NodeFsInternals }).NODEFS;
  if (!nodefs?.stream_ops) throw new Error('PGlite: NODEFS is missing; cannot make fsync reach the disk');
  if (nodefs.stream_ops.fsync) return; // a PGlite that syncs by itself
  nodefs.stream_ops.fsync = (stream: { nfd?: number; node: unknown }) =>
    // tryFSOperation turns a Node error into an errno, so PostgreSQL sees the failure (and PANICs, as it should).
    nodefs.tryFSOperation(() => {
      if (typeof stream.nfd === 'number') fs.fsyncSync(stream.nfd);
      else syncPath(nodefs.realPath(stream.node)); // a stream without a host descriptor (a directory)
    });
}

/** fsync one file or directory by path. */
function syncPath(path: string): void {
  const fd = fs.openSync(path, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * fsync every file and directory under `dir` (what `initdb --sync-only` does): a data directory
 * written with fsync off (initdb runs so) is on disk before the server acknowledges anything.
 */
export function syncTree(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncPath(dir);
}
