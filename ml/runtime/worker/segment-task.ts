// Worker task "segment": the model's proposal for one scan with mirrored TTA, plus its uncertainty (entropy of the
// TTA mean, member disagreement, worst slices) and an appearance descriptor for the diversity option of the queue.
// Writes the label map and the uint8 uncertainty map where the core said; returns the summary numbers.
import { z } from 'zod';
import { readVolumeFile } from '../../data/io/read-volume.js';
import { writeVolumeFile } from '../../data/io/write-volume.js';
import { scanDescriptor, summariseUncertainty } from '../../active/uncertainty.js';
import { loadSegmentationModel, modelPredictor, segmentVolume } from '../../infer/index.js';
import { describeSelection, selectBackend } from '../backend.js';
import { createOps } from '../ops/index.js';
import type { TaskContext } from './tasks.js';

const params = z.object({
  modelDir: z.string().min(1),
  checkpoint: z.string().min(1).default('final'),
  imagePath: z.string().min(1),
  labelOut: z.string().min(1),
  uncertaintyOut: z.string().min(1),
  disagreementOut: z.string().min(1),
  tileStep: z.number().gt(0).max(1).default(0.5),
  mirrorAxes: z.array(z.number().int().min(0).max(2)).default([1, 2]),
});

export async function runSegmentTask(raw: unknown, ctx: TaskContext): Promise<unknown> {
  const p = params.parse(raw);
  const selection = await selectBackend();
  const backend = describeSelection(selection);
  ctx.report({ fraction: 0.02, message: `loading the model (${selection.name})` });
  const { model, plan } = loadSegmentationModel(p.modelDir, p.checkpoint, createOps(selection.name));
  try {
    const image = await readVolumeFile(p.imagePath);
    ctx.signal.throwIfAborted();
    const result = await segmentVolume(image, modelPredictor(model), plan, {
      config: { tileStep: p.tileStep, mirrorAxes: p.mirrorAxes, summaries: ['entropy', 'entropyOfMean'] },
      signal: ctx.signal,
      onProgress: (q) =>
        ctx.report({
          fraction: 0.05 + 0.85 * q.fraction,
          message: `tile ${q.tile}/${q.tiles}`,
          metrics: { etaSeconds: q.etaSeconds, voxelsPerSecond: q.voxelsPerSecond },
        }),
    });
    ctx.report({ fraction: 0.92, message: 'uncertainty' });
    const summary = summariseUncertainty({
      dims: result.label.dims,
      numClasses: model.config.numClasses,
      label: result.label.voxels as Uint8Array,
      entropyOfMean: result.summaries['entropyOfMean']!.voxels as Float32Array,
      memberEntropy: result.summaries['entropy']!.voxels as Float32Array,
    });
    await writeVolumeFile(result.label, p.labelOut);
    await writeVolumeFile({ ...result.label, dataType: 'uint8', voxels: summary.map }, p.uncertaintyOut);
    await writeVolumeFile(
      { ...result.label, dataType: 'uint8', voxels: summary.disagreementMap },
      p.disagreementOut,
    );
    return {
      backend,
      score: summary.score,
      disagreement: summary.disagreement,
      worstSlices: summary.worstSlices,
      descriptor: scanDescriptor(image.dims, image.voxels),
      tiles: result.stats.tiles,
      members: result.stats.members,
      seconds: result.stats.seconds,
    };
  } finally {
    model.dispose();
  }
}
