// Child process of resume.wasm.test.ts: resumes the interrupted run from `<dir>/latest` with nothing but the
// files (fresh process, fresh model, data prepared again with the checkpoint's plan) and finishes it in <dir>.
// Usage: node --import tsx ml/train/testing/resume-child.ts <dir>
import { createOps } from '../../runtime/ops/index.js';
import { readResumePoint } from '../training-checkpoint.js';
import { runTraining } from '../trainer.js';
import { useWasm } from './fixtures.js';
import { RESUME_ARCH, resumeData } from './resume-setup.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: resume-child.ts <checkpoint dir>');
await useWasm();
const point = readResumePoint(dir, 'latest');
const result = await runTraining({
  architecture: RESUME_ARCH,
  config: point.config,
  data: resumeData(point.plan),
  ops: createOps('wasm'),
  outDir: dir,
  resume: point,
});
console.log(
  JSON.stringify({
    status: result.status,
    iteration: result.state.iteration,
    resumedFrom: point.state.iteration,
  }),
);
result.model.dispose();
