// Sequential, streaming access to a file's bytes, optionally decompressed on the fly (gzip or zlib).
//
// Readers use it to parse a header from the first bytes and then fill a buffer preallocated to exactly the
// size the header promises, so reading a 1 GB .nii.gz needs about 1 GB of memory: never the whole
// compressed file plus a growing list of decompressed chunks.
//
// Errors are VolumeFormatErrors naming the file: a stream that ends early is "truncated", bad compressed
// data is "corrupt". Trailing bytes after a gzip stream: zero bytes (padding) are ignored, another gzip member
// is read as a continuation (concatenated gzip), anything else is reported as corrupt data — Node's gunzip
// takes it for a bad next member, and we do not try to second-guess that.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { VolumeFormatError } from './errors.js';

export type Compression = 'none' | 'gzip' | 'zlib';

const EMPTY = Buffer.alloc(0);
const CHUNK_BYTES = 1 << 20;

/** 7372800 → "7,372,800", for messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Whether bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Turns a Node file-system error into a VolumeFormatError with reason 'io'. */
export function fileSystemError(file: string, err: unknown, action = 'cannot read'): VolumeFormatError {
  const e = err as NodeJS.ErrnoException;
  const what = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
  return new VolumeFormatError(file, `${action} (${e.code ?? 'error'}: ${what})`, 'io');
}

/** Up to `length` raw bytes from `position` of a file (fewer at its end). */
export async function readFileBytes(path: string, length: number, position = 0): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch (err) {
    throw fileSystemError(path, err);
  } finally {
    await handle?.close();
  }
}

export interface ByteSourceOptions {
  compression?: Compression;
  /** Byte offset in the (compressed) file where the stream starts. */
  start?: number;
  /** The name used in error messages; defaults to the path. */
  label?: string;
}

/** Reads a file front to back, handing out decoded bytes on request. Call close() when done. */
export class ByteSource {
  readonly file: string;
  readonly compression: Compression;
  /** Decoded bytes handed out or skipped so far. */
  position = 0;
  private readonly stream: Readable;
  private readonly chunks: AsyncIterator<Buffer>;
  private pending: Buffer = EMPTY;
  private ended = false;

  constructor(path: string, options: ByteSourceOptions = {}) {
    this.file = options.label ?? path;
    this.compression = options.compression ?? 'none';
    const raw = createReadStream(path, { start: options.start ?? 0, highWaterMark: CHUNK_BYTES });
    if (this.compression === 'none') {
      this.stream = raw;
    } else {
      const zlibOptions = { chunkSize: 256 * 1024 };
      const decoder = this.compression === 'gzip' ? createGunzip(zlibOptions) : createInflate(zlibOptions);
      // pipeline forwards a read error of the file to the decoder, whose iterator then throws it.
      this.stream = pipeline(raw, decoder, () => {});
    }
    // Errors reach the caller through the iterator; this listener only keeps an error that happens before
    // the first read (or after close) from crashing the process as an unhandled 'error' event.
    raw.on('error', () => {});
    this.stream.on('error', () => {});
    this.chunks = this.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Up to n bytes; fewer only when the stream ends cleanly. `what` names them for error messages. */
  async read(n: number, what = 'bytes'): Promise<Buffer> {
    const out = Buffer.alloc(n);
    const got = await this.fill(out, what);
    return out.subarray(0, got);
  }

  /** Fills target from the stream; returns how many bytes it got (less than its length only at a clean end). */
  async fill(target: Uint8Array, what = 'bytes'): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.pending.length === 0 && !(await this.pull(target.length, filled, what))) break;
      const take = Math.min(this.pending.length, target.length - filled);
      target.set(this.pending.subarray(0, take), filled);
      this.pending = this.pending.subarray(take);
      filled += take;
      this.position += take;
    }
    return filled;
  }

  /** Skips n bytes; returns how many were skipped (fewer only at a clean end). */
  async skip(n: number, what = 'bytes'): Promise<number> {
    let skipped = 0;
    while (skipped < n) {
      if (this.pending.length === 0 && !(await this.pull(n, skipped, what))) break;
      const take = Math.min(this.pending.length, n - skipped);
      this.pending = this.pending.subarray(take);
      skipped += take;
      this.position += take;
    }
    return skipped;
  }

  /**
   * Reads to the end of the stream, discarding what is left, so that the decoder checks the gzip/zlib
   * checksum of everything; returns how many bytes were left over. Closes the source.
   */
  async finish(): Promise<number> {
    let extra = this.pending.length;
    this.pending = EMPTY;
    try {
      while (!this.ended) {
        const next = await this.next('', 0, 0);
        if (next) extra += next.length;
      }
      return extra;
    } finally {
      this.close();
    }
  }

  close(): void {
    this.ended = true;
    this.stream.destroy();
  }

  private async pull(wanted: number, got: number, what: string): Promise<boolean> {
    const next = await this.next(what, wanted, got);
    if (next === null) return false;
    this.pending = next;
    return true;
  }

  private async next(what: string, wanted: number, got: number): Promise<Buffer | null> {
    if (this.ended) return null;
    try {
      const result = await this.chunks.next();
      if (result.done) {
        this.ended = true;
        return null;
      }
      return result.value;
    } catch (err) {
      this.close();
      throw this.streamError(err, what, wanted, got);
    }
  }

  private streamError(err: unknown, what: string, wanted: number, got: number): VolumeFormatError {
    const e = err as NodeJS.ErrnoException;
    const kind = this.compression;
    // wanted === 0: the error came while reading past the data to the stream's checksum (finish()).
    if (e.code === 'Z_BUF_ERROR') {
      const detail =
        wanted > 0
          ? `expected ${formatCount(wanted)} ${what}, got ${formatCount(got)}`
          : 'the data is complete but the stream ends before its checksum';
      return new VolumeFormatError(this.file, `truncated ${kind} stream (${detail})`);
    }
    if (e.code === 'Z_DATA_ERROR') {
      const where = wanted > 0 ? `while reading ${what}` : 'after the data';
      return new VolumeFormatError(
        this.file,
        `corrupt ${kind} stream ${where} (zlib: ${e.message}); ` +
          'non-zero bytes after the end of the compressed stream are not allowed either',
      );
    }
    return fileSystemError(this.file, err);
  }
}
