// The workstation default: the largest network and patch from a fixed ladder whose training run fits
// this machine's backend and memory (./memory.ts). All rungs keep the reference topology (7 stages,
// strides with the last [1,2,2], Mamba2 bottleneck); only widths, depths and the patch shrink.
import type { BackendName } from '../runtime/backend.js';
import { STSR, validateArchitecture, type ArchitectureConfig } from './architectures.js';
import { estimateMemory, type MemoryEstimate, type RunMode } from './memory.js';

interface Rung {
  label: string;
  features: number[];
  blocks: number[];
  patch: [number, number, number];
}

const HALF = [16, 32, 64, 128, 160, 160, 160];
const QUARTER = [8, 16, 32, 64, 80, 80, 80];

/** Largest first. Patches are multiples of the total stride 32×64×64. */
export const WORKSTATION_LADDER: readonly Rung[] = [
  {
    label: 'stsr, 160×256×256',
    features: STSR.featuresPerStage,
    blocks: STSR.blocksPerStage,
    patch: [160, 256, 256],
  },
  {
    label: 'stsr, 128×256×256',
    features: STSR.featuresPerStage,
    blocks: STSR.blocksPerStage,
    patch: [128, 256, 256],
  },
  {
    label: 'stsr, 96×192×192',
    features: STSR.featuresPerStage,
    blocks: STSR.blocksPerStage,
    patch: [96, 192, 192],
  },
  { label: 'half width, 96×192×192', features: HALF, blocks: [1, 2, 3, 4, 4, 4, 4], patch: [96, 192, 192] },
  { label: 'half width, 64×128×128', features: HALF, blocks: [1, 2, 3, 4, 4, 4, 4], patch: [64, 128, 128] },
  {
    label: 'quarter width, 64×128×128',
    features: QUARTER,
    blocks: [1, 1, 2, 2, 2, 2, 2],
    patch: [64, 128, 128],
  },
  {
    label: 'quarter width, 32×128×128',
    features: QUARTER,
    blocks: [1, 1, 2, 2, 2, 2, 2],
    patch: [32, 128, 128],
  },
  { label: 'quarter width, 32×64×64', features: QUARTER, blocks: [1, 1, 2, 2, 2, 2, 2], patch: [32, 64, 64] },
];

export interface WorkstationChoice {
  config: ArchitectureConfig;
  rung: string;
  estimate: MemoryEstimate;
}

function rungConfig(r: Rung, numClasses: number): ArchitectureConfig {
  return validateArchitecture({
    ...structuredClone(STSR),
    name: 'workstation',
    numClasses,
    featuresPerStage: [...r.features],
    blocksPerStage: [...r.blocks],
    patchSize: [...r.patch],
  });
}

/**
 * The first rung whose `mode` run fits; throws (with the smallest rung's advice) when none does.
 * `systemBytes` is the machine's (or GPU's) memory; wasm is capped at its 4 GiB heap regardless.
 */
export function workstationArchitecture(opts: {
  backend: BackendName;
  systemBytes: number;
  mode?: RunMode;
  numClasses?: number;
}): WorkstationChoice {
  const mode = opts.mode ?? 'train';
  let last: MemoryEstimate | null = null;
  for (const r of WORKSTATION_LADDER) {
    const config = rungConfig(r, opts.numClasses ?? STSR.numClasses);
    const estimate = estimateMemory(config, config.patchSize, opts.backend, mode, {
      systemBytes: opts.systemBytes,
    });
    if (estimate.fits) return { config, rung: r.label, estimate };
    last = estimate;
  }
  throw new Error(`no workstation configuration fits: ${last?.advice ?? ''}`);
}
