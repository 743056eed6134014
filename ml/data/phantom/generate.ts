// The procedural dental CBCT phantom: a seeded jaw with teeth, shaded, blurred and noised, with its STSR
// ground truth (0 background, 1 tooth, 2 pulp) on exactly the same grid.

import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../io/volume.js';
import { createRng, type Rng } from '../../util/rng.js';
import { resolvePhantomParams, type PhantomParams, type ResolvedPhantomParams } from './params.js';
import { planLayout, type ToothSpec } from './layout.js';
import { rasteriseJaws } from './jaw-raster.js';
import { rasteriseTeeth } from './tooth-raster.js';
import { labelFromMaterials } from './materials.js';
import { finishImage, shadeMaterials } from './render.js';

export interface Phantom {
  /** CBCT-like grey values, int16. */
  image: Volume;
  /** STSR labels, uint8: 0 background, 1 tooth (dentine, enamel, fillings), 2 pulp. */
  label: Volume;
  /** The tissue class of every voxel (codes in `MATERIAL`), uint8; handy for tests and debugging. */
  materials: Volume;
  /** The parameters with every default filled in. */
  params: ResolvedPhantomParams;
}

/**
 * Builds a phantom. The same parameters give byte-identical volumes. The seed fixes the anatomy; noise,
 * blur and artefacts change only the image, never the labels. The volume is centred on the world origin
 * with LPS axes (x → left, y → posterior, z → superior).
 */
export function generatePhantom(params: PhantomParams): Phantom {
  const p = resolvePhantomParams(params);
  const root = createRng(p.seed);
  const layoutRng = root.fork();
  const shadeRng = root.fork();
  const fillingRng = root.fork();
  const finishRng = root.fork();
  const { size: dims, spacing } = p;
  const layout = planLayout(p, layoutRng);
  const materials = rasteriseJaws(layout, dims, spacing);
  const filled = p.artefacts.metal ? chooseFilledTeeth(layout.teeth, fillingRng) : new Set<number>();
  const { metals } = rasteriseTeeth(materials, dims, spacing, layout.teeth, filled);
  const label = labelFromMaterials(materials);
  const shaded = shadeMaterials(materials, dims, spacing, shadeRng);
  const image = finishImage(
    shaded,
    dims,
    spacing,
    { blur: p.blur, cupping: p.artefacts.cupping, rings: p.artefacts.rings, metals, noise: p.noise },
    finishRng,
  );
  const grid = phantomGrid(dims, spacing);
  return {
    image: { ...grid(), dataType: 'int16', voxels: image },
    label: { ...grid(), dataType: 'uint8', voxels: label },
    materials: { ...grid(), dataType: 'uint8', voxels: materials },
    params: p,
  };
}

/** Geometry of a phantom: centred on the origin, identity (LPS) direction. Returns fresh copies each call. */
function phantomGrid(
  dims: Vec3,
  spacing: Vec3,
): () => Pick<Volume, 'dims' | 'spacing' | 'origin' | 'direction'> {
  const origin: Vec3 = [0, 1, 2].map(
    (a) => (-((dims[a] as number) - 1) / 2) * (spacing[a] as number),
  ) as Vec3;
  return () => ({
    dims: [...dims],
    spacing: [...spacing],
    origin: [...origin],
    direction: [...IDENTITY_DIRECTION],
  });
}

/** One or two fillings, in premolars and molars when there are any. */
function chooseFilledTeeth(teeth: readonly ToothSpec[], rng: Rng): Set<number> {
  const back = teeth.map((t, n) => (t.kind === 'incisor' ? -1 : n)).filter((n) => n >= 0);
  const pool = back.length > 0 ? back : teeth.map((_, n) => n);
  const want = Math.min(pool.length, rng.chance(0.5) ? 2 : 1);
  const chosen = new Set<number>();
  while (chosen.size < want) chosen.add(pool[rng.int(0, pool.length - 1)] as number);
  return chosen;
}
