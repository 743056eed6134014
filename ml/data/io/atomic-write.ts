// Atomic file writes: stream the bytes to a temporary file in the target folder, fsync it, rename it into
// place and fsync the folder, so a crash leaves either no file or the complete one, never a partial one.
// The SHA-256 and size of the bytes are computed on the way, without reading the file back.

import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileSystemError } from './byte-source.js';
import { VolumeFormatError } from './errors.js';
import type { ByteChunks } from './gzip-stream.js';

export interface WrittenFile {
  /** Where the file now is. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** SHA-256 of its bytes, lowercase hex. */
  sha256: string;
}

const STAGING_BYTES = 1 << 20;

/** Writes `chunks` to `path` atomically (temp file + fsync + rename); replaces an existing file. */
export async function writeFileAtomic(path: string, chunks: ByteChunks): Promise<WrittenFile> {
  const dir = dirname(path);
  const temp = await writeTemp(dir, basename(path), chunks);
  await commit(temp.path, path);
  return { ...temp, path };
}

/**
 * Writes `chunks` into `dir` under the name `<sha256><suffix>` (content-addressed), atomically. If a file
 * of that name exists it has the same content, and is replaced by an identical one.
 */
export async function writeFileContentAddressed(
  dir: string,
  suffix: string,
  chunks: ByteChunks,
): Promise<WrittenFile> {
  const temp = await writeTemp(dir, `content${suffix}`, chunks);
  const path = join(dir, `${temp.sha256}${suffix}`);
  await commit(temp.path, path);
  return { ...temp, path };
}

async function writeTemp(dir: string, name: string, chunks: ByteChunks): Promise<WrittenFile> {
  const path = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx');
  } catch (err) {
    throw fileSystemError(path, err, 'cannot write');
  }
  try {
    const written = await streamInto(handle, chunks);
    await handle.sync();
    await handle.close();
    return { path, ...written };
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(path, { force: true }).catch(() => {});
    if (err instanceof VolumeFormatError || (err as NodeJS.ErrnoException).code === undefined) throw err;
    throw fileSystemError(path, err, 'cannot write');
  }
}

/** Writes chunks in ~1 MiB pieces (coalescing small compressed chunks), hashing them on the way. */
async function streamInto(
  handle: FileHandle,
  chunks: ByteChunks,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const staging = Buffer.allocUnsafe(STAGING_BYTES);
  let staged = 0;
  let bytes = 0;
  const put = async (data: Uint8Array) => {
    for (let at = 0; at < data.length;) {
      const { bytesWritten } = await handle.write(data, at, data.length - at);
      at += bytesWritten;
    }
  };
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
    if (staged + chunk.length > STAGING_BYTES) {
      await put(staging.subarray(0, staged));
      staged = 0;
    }
    if (chunk.length >= STAGING_BYTES) {
      await put(chunk);
    } else {
      staging.set(chunk, staged);
      staged += chunk.length;
    }
  }
  await put(staging.subarray(0, staged));
  return { bytes, sha256: hash.digest('hex') };
}

async function commit(temp: string, path: string): Promise<void> {
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw fileSystemError(path, err, 'cannot write');
  }
  await syncFolder(dirname(path));
}

/** Makes the rename durable. Folders cannot be opened for fsync on Windows; there it is skipped. */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
