// Loading pre-trained weights into a segmentation network: every tensor but the segmentation heads must exist
// with the same shape; the heads are loaded only when all of them match (stage 2 → 3), otherwise they keep their
// fresh initialisation (DAE → stage 2: 1 vs C output channels).
//
// Reference: spec §4.6 (nnunetv2/run/load_pretrained_weights.py: skipped substring `.seg_layers.`, assertion that
// every other key of the target exists in the file with an identical shape; heads loaded only if all seg-layer
// shapes match; the Mamba layer is transferred). Keys in the file that the target lacks are ignored, as there.
// Our DAE checkpoints use the segmentation network's own names, so no `encoder.` prefix has to be stripped.
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../../config/architectures.js';
import type { Params } from '../../model/params.js';
import type { LoadedCheckpoint } from '../../train/checkpoint.js';
import { architectureMismatches } from '../../train/checkpoint.js';
import { OPTIMIZER_PREFIX } from '../../train/training-checkpoint.js';

export const HEAD_MARKER = '.seg_layers.';

export const isHead = (name: string): boolean => name.includes(HEAD_MARKER);

export interface TransferReport {
  /** Target parameters overwritten from the source (heads included when `headsLoaded`). */
  loaded: string[];
  headsLoaded: boolean;
  /** Source tensors the target has no use for (optimizer state excluded). */
  ignored: string[];
}

/**
 * Copies `source` into `params` of a network with architecture `target`. Throws one error listing every problem
 * (architecture differences other than the class count, missing tensors, shape differences) before changing
 * anything.
 */
export function transferWeights(
  source: LoadedCheckpoint,
  target: { config: ArchitectureConfig; params: Params },
): TransferReport {
  const saved = source.manifest.architecture;
  const diffs = architectureMismatches({ ...saved, numClasses: target.config.numClasses }, target.config);
  if (diffs.length > 0) {
    throw new Error(
      `cannot transfer weights of '${saved.name}' into '${target.config.name}': ${diffs.join('; ')}`,
    );
  }
  const problems: string[] = [];
  const shapeOf = (n: string) => source.tensors.get(n)?.shape;
  const same = (n: string, v: tf.Variable) => shapeOf(n)?.join() === v.shape.join();
  for (const [n, v] of target.params) {
    if (isHead(n)) continue;
    const s = shapeOf(n);
    if (!s) problems.push(`${n} is missing`);
    else if (!same(n, v)) problems.push(`${n} has shape [${s}], the network [${v.shape}]`);
  }
  if (problems.length > 0) throw new Error(`cannot transfer weights: ${problems.join('; ')}`);
  const heads = [...target.params].filter(([n]) => isHead(n));
  const headsLoaded = heads.length > 0 && heads.every(([n, v]) => same(n, v));
  const loaded: string[] = [];
  for (const [n, v] of target.params) {
    if (isHead(n) && !headsLoaded) continue;
    const t = source.tensors.get(n)!;
    tf.tidy(() => v.assign(tf.tensor(t.values, t.shape)));
    loaded.push(n);
  }
  const ignored = [...source.tensors.keys()].filter(
    (n) => !target.params.has(n) && !n.startsWith(OPTIMIZER_PREFIX),
  );
  return { loaded, headsLoaded, ignored };
}
