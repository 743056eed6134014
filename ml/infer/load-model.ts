// A segmentation model from a checkpoint directory: the network (weights only; optimizer state in resumable
// checkpoints is ignored) and the pre-processing plan it was trained with.
import * as tf from '@tensorflow/tfjs';
import type { PreprocessPlan } from '../data/preprocess/plan.js';
import { assertPlan } from '../data/preprocess/plan.js';
import type { Params } from '../model/params.js';
import { buildUMamba2, umamba2ParamSpecs, type UMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import type { Ops } from '../runtime/ops/types.js';
import type { CheckpointManifest } from '../train/checkpoint.js';
import { loadCheckpoint } from '../train/checkpoint.js';
import { modelOnly } from '../train/training-checkpoint.js';

export interface LoadedModel {
  model: UMamba2;
  plan: PreprocessPlan;
  manifest: CheckpointManifest;
}

export function loadSegmentationModel(dir: string, name = 'best', ops: Ops = createOps()): LoadedModel {
  const ckpt = modelOnly(loadCheckpoint(dir, name));
  const architecture = ckpt.manifest.architecture;
  const plan = (ckpt.manifest.preprocessing as { plan?: PreprocessPlan }).plan;
  if (!plan) throw new Error(`checkpoint ${name} has no pre-processing plan`);
  assertPlan(plan);
  const specs = umamba2ParamSpecs(architecture);
  const unexpected = [...ckpt.tensors.keys()].filter((n) => !specs.some((s) => s.name === n));
  if (unexpected.length > 0)
    throw new Error(`checkpoint ${name} has unexpected tensors: ${unexpected.join(', ')}`);
  // Variables straight from the stored values (no random initialisation of a model about to be overwritten).
  const params: Params = new Map();
  try {
    for (const s of specs) {
      const t = ckpt.tensors.get(s.name);
      if (!t) throw new Error(`checkpoint ${name} lacks ${s.name}`);
      if (t.shape.join() !== s.shape.join())
        throw new Error(`checkpoint tensor ${s.name} has shape [${t.shape}], model [${s.shape}]`);
      params.set(
        s.name,
        tf.tidy(() => tf.variable(tf.tensor(t.values, t.shape), true)),
      );
    }
  } catch (err) {
    params.forEach((v) => v.dispose());
    throw err;
  }
  return { model: buildUMamba2(architecture, ops, { params }), plan, manifest: ckpt.manifest };
}
