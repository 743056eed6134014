// The run that resume.wasm.test.ts interrupts and ./resume-child.ts resumes in a separate process: the same
// cases and trainer config on both sides.
import { getArchitecture } from '../../config/architectures.js';
import { resolveTrainerConfig } from '../config.js';
import { prepareTrainingData, type TrainingData } from '../data.js';
import type { PreprocessPlan } from '../../data/preprocess/plan.js';
import { phantomCase, type PhantomSpec } from './fixtures.js';

export const RESUME_SPEC: PhantomSpec = { size: [32, 32, 24], spacing: 1, teeth: 4 };
export const RESUME_ARCH = getArchitecture('tiny', { patchSize: [16, 16, 16] });
/** 3 epochs × 2 steps, each step 2 micro-batches of 2, full nnU-Net augmentation, validation every epoch. */
export const RESUME_CONFIG = resolveTrainerConfig({
  seed: 7,
  epochs: 3,
  iterationsPerEpoch: 2,
  batchSize: 2,
  accumulation: { steps: 2 },
  validation: { iterations: 1 },
  checkpointEvery: 1,
  sampling: { foregroundProbability: 0.5 },
  preprocessing: { fingerprintSamples: 5000 },
});

export function resumeData(plan?: PreprocessPlan): TrainingData {
  const train = [1, 2].map((s) => phantomCase(s, RESUME_SPEC));
  const val = [phantomCase(3, RESUME_SPEC)];
  return prepareTrainingData(train, val, {
    fingerprintSamples: RESUME_CONFIG.preprocessing.fingerprintSamples,
    ...(plan ? { plan } : {}),
  });
}
