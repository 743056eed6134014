// Worker task "bootstrap": read the scan, compute the classical proposal, write the label map.
import { z } from 'zod';
import { readVolumeFile } from '../../data/io/read-volume.js';
import { writeVolumeFile } from '../../data/io/write-volume.js';
import { proposeTeethAndPulp } from '../../infer/bootstrap/index.js';
import type { TaskContext } from './tasks.js';

const params = z.object({ imagePath: z.string().min(1), outPath: z.string().min(1) });

export async function runBootstrapTask(raw: unknown, ctx: TaskContext): Promise<unknown> {
  const p = params.parse(raw);
  ctx.report({ fraction: 0.05, message: 'reading the scan' });
  const image = await readVolumeFile(p.imagePath);
  ctx.signal.throwIfAborted();
  ctx.report({ fraction: 0.2, message: 'thresholding and cleaning up' });
  const { label, report } = proposeTeethAndPulp(image);
  ctx.signal.throwIfAborted();
  ctx.report({ fraction: 0.9, message: 'writing the proposal' });
  await writeVolumeFile(label, p.outPath);
  return { report };
}
