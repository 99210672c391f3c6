/**
 * Writing a file so that nothing is lost: the contents go to a temporary file in the target's folder, which is
 * flushed to disk (fsync) and then renamed over the target, and the folder is flushed too. Readers see the old
 * file or the new one, never half of one; a crash or a kill at any point leaves the old file as it was.
 *
 * - A symbolic link is written through: its target is replaced, the link stays.
 * - Only a regular file is ever replaced: a folder, FIFO, socket or device at the path is refused with an error
 *   (writing a model to /dev/null as root must not replace the device).
 * - An existing file keeps its permission bits.
 * - The folder must exist; a path with a NUL character is refused as invalid input.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidInputError, NewsTopicsError } from '../common/errors.js';

/** Temporary files being written now, so that a signal handler can remove them (see cli/bin.ts). */
export const temporaryFiles = new Set<string>();

/** Checks a path argument: a non-empty string without NUL characters. */
export function requirePath(path: unknown, field: string): string {
  if (typeof path !== 'string' || path.length === 0) throw new InvalidInputError(field, 'a file path', path);
  if (path.includes('\0')) throw new InvalidInputError(field, 'a file path without NUL characters', path);
  return path;
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Where a write to `path` goes and what mode the file keeps: the path itself, or the target of a symbolic link.
 * Throws for a target that is not a regular file, and for a missing folder.
 */
export async function writeTarget(path: string): Promise<{ target: string; mode: number | undefined }> {
  let target = path;
  const link = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  // A link is written through; a dangling one creates the file it points to.
  if (link?.isSymbolicLink()) target = await realpath(path).catch(async () => resolve(dirname(path), await readlink(path)));
  const existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined && !existing.isFile()) throw new NewsTopicsError(`news-topics: refusing to replace ${path}: it is ${kindOf(existing)}, not a regular file`);
  const folder = await stat(dirname(target)).catch(() => undefined);
  if (folder === undefined || !folder.isDirectory()) throw new NewsTopicsError(`news-topics: cannot write ${path}: the folder ${dirname(target)} does not exist`);
  return { target, mode: existing === undefined ? undefined : existing.mode & 0o7777 };
}

/** Writes `contents` to `path` atomically (see the module comment). */
export async function writeFileAtomic(path: string, contents: string | Uint8Array, field = 'path'): Promise<void> {
  requirePath(path, field);
  let target: string;
  let mode: number | undefined;
  try {
    ({ target, mode } = await writeTarget(path));
  } catch (error) {
    if (error instanceof NewsTopicsError) throw error;
    throw new NewsTopicsError(`news-topics: cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  temporaryFiles.add(temporary);
  try {
    const handle = await open(temporary, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(contents);
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    await syncFolder(dirname(target));
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw new NewsTopicsError(`news-topics: could not write ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    temporaryFiles.delete(temporary);
  }
}

/** Flushes a folder's entries (the rename) to disk; not every platform can open a folder, which is then skipped. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}
