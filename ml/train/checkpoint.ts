// Checkpoints: one self-describing file set per checkpoint, in a directory:
//   <name>.json              architecture, label schema, pre-processing fingerprint, training stage,
//                            metrics, tensor index, and the weights file's name and SHA-256
//   <name>.<sha256:16>.bin   every parameter as little-endian float32, concatenated in index order
// Writes are atomic (temp file, fsync, rename; then the directory is fsynced): the weights file is
// content-addressed and written first, the JSON — the commit point — last, so a crash leaves either the
// old checkpoint or the new one. Loading verifies the checksum and, for a model, the architecture.
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../config/architectures.js';
import type { Params } from '../model/params.js';

export const CHECKPOINT_FORMAT = 'cbct-workbench/umamba2-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface CheckpointLabelSchema {
  id: string;
  labels: { value: number; name: string }[];
  [extra: string]: unknown;
}

/** What the caller describes; the tensor index and weights reference are added on save. */
export interface CheckpointInfo {
  architecture: ArchitectureConfig;
  labelSchema: CheckpointLabelSchema;
  /** Fingerprint of the pre-processing (spacing, normalisation constants …) the weights expect. */
  preprocessing: { fingerprint: string; [extra: string]: unknown };
  /** Training stage that produced the weights, e.g. 'dae', 'supervised', 'ssl-consistency'. */
  stage: string;
  metrics: Record<string, number>;
  /** Stage configuration, data split, parent checkpoint … (free-form JSON). */
  extra?: Record<string, unknown>;
}

export interface TensorEntry {
  name: string;
  shape: number[];
  /** Offset in the weights file, in float32 elements. */
  offset: number;
}

export interface CheckpointManifest extends CheckpointInfo {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  createdAt: string;
  weightsFile: string;
  weightsSha256: string;
  tensors: TensorEntry[];
}

export interface LoadedCheckpoint {
  manifest: CheckpointManifest;
  /** Values by parameter name. */
  tensors: Map<string, { shape: number[]; values: Float32Array }>;
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`invalid checkpoint name '${name}'`);
}

/** Writes bytes to `path` atomically: temp file in the same directory, fsync, rename, fsync the directory. */
export function writeFileAtomic(dir: string, file: string, data: Uint8Array): void {
  const tmp = join(dir, `.${file}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    for (let off = 0; off < data.length;) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, file));
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}

/** Saves `params` (all of them, in name order) with `info` as checkpoint `name` in `dir`. */
export function saveCheckpoint(
  dir: string,
  name: string,
  params: Params | Map<string, tf.Tensor>,
  info: CheckpointInfo,
): CheckpointManifest {
  checkName(name);
  if (endianness() !== 'LE') throw new Error('checkpoints are little-endian; this machine is not');
  const names = [...params.keys()].sort();
  const tensors: TensorEntry[] = [];
  let total = 0;
  for (const n of names) {
    const t = params.get(n)!;
    tensors.push({ name: n, shape: t.shape.slice(), offset: total });
    total += t.size;
  }
  const all = new Float32Array(total);
  names.forEach((n, i) => all.set(params.get(n)!.dataSync() as Float32Array, tensors[i]!.offset));
  const bytes = new Uint8Array(all.buffer);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const weightsFile = `${name}.${sha.slice(0, 16)}.bin`;
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    createdAt: new Date().toISOString(),
    ...structuredClone(info),
    weightsFile,
    weightsSha256: sha,
    tensors,
  };
  writeFileAtomic(dir, weightsFile, bytes);
  writeFileAtomic(dir, `${name}.json`, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
  // Older weights of this checkpoint are no longer referenced.
  for (const f of readdirSync(dir)) {
    if (
      f !== weightsFile &&
      f.startsWith(`${name}.`) &&
      f.endsWith('.bin') &&
      /^[0-9a-f]{16}$/.test(f.slice(name.length + 1, -4))
    ) {
      rmSync(join(dir, f), { force: true });
    }
  }
  return manifest;
}

export function loadCheckpoint(dir: string, name: string): LoadedCheckpoint {
  checkName(name);
  const manifest = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as CheckpointManifest;
  if (manifest.format !== CHECKPOINT_FORMAT)
    throw new Error(`${name}.json is not a ${CHECKPOINT_FORMAT} file`);
  if (manifest.version > CHECKPOINT_VERSION) {
    throw new Error(
      `checkpoint ${name} has format version ${manifest.version}; this app reads up to ${CHECKPOINT_VERSION}`,
    );
  }
  const buf = readFileSync(join(dir, manifest.weightsFile));
  const sha = createHash('sha256').update(buf).digest('hex');
  if (sha !== manifest.weightsSha256)
    throw new Error(`checkpoint ${name}: weights file is corrupt (SHA-256 mismatch)`);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const tensors = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const e of manifest.tensors) {
    const n = e.shape.reduce((a, v) => a * v, 1);
    if (e.offset + n > all.length)
      throw new Error(`checkpoint ${name}: tensor ${e.name} runs past the weights file`);
    tensors.set(e.name, { shape: e.shape, values: all.subarray(e.offset, e.offset + n) });
  }
  return { manifest, tensors };
}

/** The fields of an architecture that determine the weights (patch, deep supervision, SSD form do not). */
export function weightSignature(a: ArchitectureConfig) {
  return {
    inChannels: a.inChannels,
    numClasses: a.numClasses,
    featuresPerStage: a.featuresPerStage,
    strides: a.strides,
    blocksPerStage: a.blocksPerStage,
    convsPerDecoderStage: a.convsPerDecoderStage,
    mamba: { dState: a.mamba.dState, dConv: a.mamba.dConv, expand: a.mamba.expand, headdim: a.mamba.headdim },
  };
}

/** Lists the weight-relevant differences between two architectures (empty when compatible). */
export function architectureMismatches(saved: ArchitectureConfig, wanted: ArchitectureConfig): string[] {
  const a = weightSignature(saved);
  const b = weightSignature(wanted);
  return (Object.keys(a) as (keyof typeof a)[])
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: checkpoint ${JSON.stringify(a[k])}, model ${JSON.stringify(b[k])}`);
}

/** Copies a checkpoint's weights into a model's parameters; any architecture mismatch is an error. */
export function restoreParams(
  ckpt: LoadedCheckpoint,
  architecture: ArchitectureConfig,
  params: Params,
): void {
  const diffs = architectureMismatches(ckpt.manifest.architecture, architecture);
  if (diffs.length > 0) {
    throw new Error(
      `checkpoint architecture '${ckpt.manifest.architecture.name}' does not match model '${architecture.name}': ${diffs.join('; ')}`,
    );
  }
  const missing = [...params.keys()].filter((n) => !ckpt.tensors.has(n));
  const unexpected = [...ckpt.tensors.keys()].filter((n) => !params.has(n));
  if (missing.length > 0 || unexpected.length > 0) {
    throw new Error(
      `checkpoint tensors do not match the model: missing [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`,
    );
  }
  for (const [n, v] of params) {
    const t = ckpt.tensors.get(n)!;
    if (t.shape.join() !== v.shape.join())
      throw new Error(`checkpoint tensor ${n} has shape [${t.shape}], model [${v.shape}]`);
  }
  for (const [n, v] of params) {
    const t = ckpt.tensors.get(n)!;
    tf.tidy(() => v.assign(tf.tensor(t.values, t.shape)));
  }
}
