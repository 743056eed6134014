// The realistic sample: a CBCT-like image and its tooth/pulp ground truth synthesised from a real
// anatomy label map (DentalSegmentator labels), keeping the anatomy's geometry.

import type { Volume } from '../io/volume.js';
import { createRng } from '../../util/rng.js';
import { anatomyLabelGrid, downsampleLabelGrid } from './anatomy.js';
import { anatomyMaterials } from './anatomy-materials.js';
import { labelFromMaterials } from './materials.js';
import { finishImage, shadeMaterials } from './render.js';
import {
  resolveSynthesisOptions,
  type AnatomySynthesisOptions,
  type ResolvedSynthesisOptions,
} from './realistic-params.js';

export interface SynthesisedSample {
  /** CBCT-like grey values, int16, on the anatomy's grid (or its downsampled grid). */
  image: Volume;
  /** STSR labels, uint8: 1 tooth (anatomy labels 3 ∪ 4 minus pulp), 2 pulp, 0 elsewhere. */
  label: Volume;
  /** Tissue class of every voxel (codes in `MATERIAL`), uint8. */
  materials: Volume;
  options: ResolvedSynthesisOptions;
}

/**
 * Synthesises a CBCT-like image from an anatomy label map (0 background, 1 maxilla, 2 mandible, 3 upper
 * teeth, 4 lower teeth, 5 mandibular canal; any integer voxel type). With `downsample` f > 1 the anatomy
 * is first reduced to ceil(dims / f) voxels of f·spacing by majority vote (origin moved to the first
 * block's centre); otherwise the output has exactly the input's dims, spacing, origin and direction.
 * The same anatomy and options give byte-identical output.
 */
export function synthesiseFromAnatomy(
  anatomyLabel: Volume,
  opts: AnatomySynthesisOptions,
): SynthesisedSample {
  const o = resolveSynthesisOptions(opts);
  const grid = downsampleLabelGrid(anatomyLabelGrid(anatomyLabel), o.downsample);
  const { dims, spacing } = grid;
  const materials = anatomyMaterials(grid.labels, dims, spacing, o);
  const label = labelFromMaterials(materials);
  const root = createRng(o.seed);
  const shaded = shadeMaterials(materials, dims, spacing, root.fork());
  const image = finishImage(
    shaded,
    dims,
    spacing,
    { blur: o.blur, cupping: o.cupping, rings: o.rings, metals: [], noise: o.noise },
    root.fork(),
  );
  const geometry = (): Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'> => ({
    dims: [...dims],
    spacing: [...spacing],
    origin: [...grid.origin],
    direction: [...grid.direction],
  });
  return {
    image: { ...geometry(), dataType: 'int16', voxels: image },
    label: { ...geometry(), dataType: 'uint8', voxels: label },
    materials: { ...geometry(), dataType: 'uint8', voxels: materials },
    options: o,
  };
}
