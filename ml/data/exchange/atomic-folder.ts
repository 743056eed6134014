// Writing a whole folder atomically: everything goes into a hidden temporary sibling, which is renamed
// to the target at the end. A crash or an error leaves no partial target (at most a ".partial" sibling,
// removed on error). An existing non-empty target is never touched.

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncFolder, writeFileAtomic } from '../io/atomic-write.js';
import { VolumeFormatError } from '../io/errors.js';

/** The target folder (or file) exists and is not empty: the caller should pick another one. */
export class TargetExistsError extends VolumeFormatError {
  constructor(path: string, what = 'folder') {
    super(
      path,
      what === 'folder'
        ? 'already exists and is not empty; choose a new folder or remove this one first'
        : 'already exists; choose another name or remove it first',
      'invalid',
    );
    this.name = 'TargetExistsError';
  }
}

function ioError(path: string, err: unknown, action: string): VolumeFormatError {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return new VolumeFormatError(path, `${action} (${code})`, 'io');
}

/** True if `path` is absent or an empty folder; throws TargetExistsError otherwise. */
async function checkTarget(path: string): Promise<boolean> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw ioError(path, err, 'cannot inspect the target');
  }
  if (!info.isDirectory()) throw new TargetExistsError(path, 'file');
  if ((await readdir(path)).length > 0) throw new TargetExistsError(path);
  return true;
}

/**
 * Builds the folder `target` through `build(tempDir)` and renames it into place. Refuses (before
 * writing anything) when `target` exists and is not empty; an empty existing folder is replaced.
 */
export async function writeFolderAtomic<T>(target: string, build: (dir: string) => Promise<T>): Promise<T> {
  await checkTarget(target);
  const parent = dirname(target);
  try {
    await mkdir(parent, { recursive: true });
  } catch (err) {
    throw ioError(parent, err, 'cannot create the folder');
  }
  const temp = join(parent, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.partial`);
  try {
    await mkdir(temp);
  } catch (err) {
    throw ioError(temp, err, 'cannot create a temporary folder');
  }
  try {
    const result = await build(temp);
    // Checked again: someone may have filled the target meanwhile.
    if (await checkTarget(target)) await rmdir(target);
    try {
      await rename(temp, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new TargetExistsError(target);
      throw ioError(target, err, 'cannot move the finished folder into place');
    }
    await syncFolder(parent);
    return result;
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
}

/** Pretty-printed JSON (2 spaces, trailing newline), written atomically. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  await writeFileAtomic(path, [new TextEncoder().encode(text)]);
}
