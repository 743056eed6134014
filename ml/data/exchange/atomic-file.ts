// Writing one new file atomically without replacing an existing one: the bytes go to a temporary file
// (fsynced), which is then hard-linked to the target name — link() fails if the name exists, so two
// writers can never overwrite each other. Where hard links are not available (FAT, some network
// shares) it falls back to an existence check and rename.

import { link, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic, type WrittenFile } from '../io/atomic-write.js';
import { VolumeFormatError } from '../io/errors.js';
import { syncFolder } from '../io/atomic-write.js';
import { TargetExistsError } from './atomic-folder.js';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new VolumeFormatError(path, `cannot inspect (${(err as NodeJS.ErrnoException).code})`, 'io');
  }
}

/**
 * Writes a file through `write(tempPath)` and publishes it as `path`. Unless `overwrite`, an existing
 * `path` is a TargetExistsError (checked before and at the end).
 */
export async function publishNewFile(
  path: string,
  overwrite: boolean,
  write: (tempPath: string) => Promise<WrittenFile>,
): Promise<WrittenFile> {
  if (!overwrite && (await exists(path))) throw new TargetExistsError(path, 'file');
  if (overwrite) return { ...(await write(path)), path };
  // The temporary name keeps the extension, so that writers choosing the format by it still work.
  const temp = join(dirname(path), `.new-${process.pid}-${randomBytes(6).toString('hex')}-${basename(path)}`);
  const written = await write(temp);
  try {
    await link(temp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await rm(temp, { force: true });
      throw new TargetExistsError(path, 'file');
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') {
      await rm(temp, { force: true });
      throw new VolumeFormatError(path, `cannot write (${code})`, 'io');
    }
    // No hard links here: check, then rename (a small race window, accepted on such file systems).
    if (await exists(path)) {
      await rm(temp, { force: true });
      throw new TargetExistsError(path, 'file');
    }
    await rename(temp, path);
    await syncFolder(dirname(path));
    return { ...written, path };
  }
  await rm(temp, { force: true });
  await syncFolder(dirname(path));
  return { ...written, path };
}

/** Bytes written atomically as a new file (see publishNewFile). */
export async function writeNewFile(path: string, bytes: Uint8Array, overwrite = false): Promise<WrittenFile> {
  return publishNewFile(path, overwrite, (target) => writeFileAtomic(target, [bytes]));
}
