import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, inflateSync } from 'node:zlib';
import { writeFileAtomic, writeFileContentAddressed } from './atomic-write.js';
import { VolumeFormatError } from './errors.js';
import { deflateChunks, gzipChunks, sliceChunks } from './gzip-stream.js';
import { collectChunks, makeTempDir, removeDir } from './test-support.js';

const collect = collectChunks;

describe('atomic writes and streaming compression', () => {
  let dir: string;
  const data = Buffer.from(Array.from({ length: 3_000_000 }, (_, n) => (n >> 8) & 0xff));
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  it('gzip output is deterministic: mtime 0, no name, OS byte pinned to Unix', async () => {
    const a = await collect(gzipChunks(sliceChunks(data, 65536)));
    const b = await collect(gzipChunks([data]));
    assert.ok(a.equals(b));
    assert.deepEqual([...a.subarray(0, 4)], [0x1f, 0x8b, 8, 0]); // magic, deflate, no FNAME/FCOMMENT flags
    assert.deepEqual([...a.subarray(4, 8)], [0, 0, 0, 0]); // mtime
    assert.equal(a[9], 3);
    assert.ok(gunzipSync(a).equals(data));
    assert.ok(inflateSync(await collect(deflateChunks([data]))).equals(data));
  });

  it('writes atomically and reports the size and SHA-256 of the bytes', async () => {
    const path = join(dir, 'out.bin');
    await writeFile(path, 'old content');
    const written = await writeFileAtomic(path, sliceChunks(data, 100_000));
    const onDisk = await readFile(path);
    assert.ok(onDisk.equals(data));
    assert.equal(written.bytes, data.length);
    assert.equal(written.sha256, createHash('sha256').update(data).digest('hex'));
    assert.equal(written.path, path);
    assert.deepEqual(await readdir(dir), ['out.bin']); // no temp files left
  });

  it('names content-addressed files after their hash', async () => {
    const written = await writeFileContentAddressed(dir, '.bin.gz', gzipChunks([data]));
    assert.equal(written.path, join(dir, `${written.sha256}.bin.gz`));
    assert.equal(
      createHash('sha256')
        .update(await readFile(written.path))
        .digest('hex'),
      written.sha256,
    );
    const again = await writeFileContentAddressed(dir, '.bin.gz', gzipChunks([data]));
    assert.equal(again.sha256, written.sha256);
  });

  it('leaves nothing behind when producing the bytes fails', async () => {
    const sub = await makeTempDir();
    async function* failing() {
      yield data.subarray(0, 1000);
      throw new Error('encoder failed');
    }
    await assert.rejects(writeFileAtomic(join(sub, 'x.bin'), failing()), /encoder failed/);
    await assert.rejects(writeFileAtomic(join(sub, 'y.bin'), gzipChunks(failing())), /encoder failed/);
    assert.deepEqual(await readdir(sub), []);
    await removeDir(sub);
  });

  it('reports an unwritable folder as an io VolumeFormatError', async () => {
    const path = join(dir, 'no-such-folder', 'x.bin');
    await assert.rejects(writeFileAtomic(path, [data]), (err: unknown) => {
      assert.ok(err instanceof VolumeFormatError);
      assert.equal(err.reason, 'io');
      assert.match(err.message, /cannot write \(ENOENT/);
      return true;
    });
  });
});
