// Tissue classes of the realistic sample, derived from an anatomy label map: a soft-tissue body around
// the hard tissue, bone with a cortical rim (also around the canal and the tooth sockets), the canal,
// and teeth split into dentine, an enamel shell on the crowns and a pulp core.

import type { Vec3 } from '../io/volume.js';
import { ANATOMY } from './anatomy.js';
import { MATERIAL } from './materials.js';
import { bodyMask } from './body-hull.js';
import { depthInside, squaredDistanceTransform } from './edt.js';
import { maxFilter } from './morphology.js';
import { boundingBox, boxDims, cropBox, forEachInBox, growBox } from '../volume-ops/box.js';
import { radiusVoxels } from '../volume-ops/grid.js';
import { dilate, FACE_NEIGHBOURS } from '../volume-ops/morphology.js';
import type { ResolvedSynthesisOptions } from './realistic-params.js';

// Label and material codes as module constants: the hot loops below should not go through the objects.
const {
  maxilla: MAXILLA,
  mandible: MANDIBLE,
  upperTeeth: UPPER,
  lowerTeeth: LOWER,
  canal: CANAL_LABEL,
} = ANATOMY;
const { pulp: PULP, enamel: ENAMEL, dentine: DENTINE, bone: BONE, cortex: CORTEX, canal: CANAL } = MATERIAL;

type MaterialOptions = Pick<
  ResolvedSynthesisOptions,
  'enamelThickness' | 'corticalThickness' | 'bodyMargin' | 'pulpFraction' | 'crownClearance'
>;

/** Half-width (mm) of the neighbourhood in which the local tooth thickness is measured for the pulp. */
const THICKNESS_WINDOW_MM = 2;

export function anatomyMaterials(
  labels: Uint8Array,
  dims: Vec3,
  spacing: Vec3,
  o: MaterialOptions,
): Uint8Array {
  const n = labels.length;
  const hard = new Uint8Array(n);
  const bone = new Uint8Array(n);
  const teeth = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const l = labels[v];
    hard[v] = l !== 0 ? 1 : 0;
    bone[v] = l === MAXILLA || l === MANDIBLE ? 1 : 0;
    teeth[v] = l === UPPER || l === LOWER ? 1 : 0;
  }
  const mat = bodyMask(hard, dims, spacing, o.bodyMargin); // 0 air, 1 soft tissue
  const rim = corticalRim(bone, dims, spacing, o.corticalThickness);
  for (let v = 0; v < n; v++) {
    if (bone[v]) mat[v] = rim[v] ? CORTEX : BONE;
    else if (labels[v] === CANAL_LABEL) mat[v] = CANAL;
  }
  paintTeeth(mat, teeth, bone, dims, spacing, o);
  return mat;
}

/** Bone voxels within `thickness` of non-bone, by repeated 6-neighbour erosion (the grid edge is not a surface). */
function corticalRim(bone: Uint8Array, dims: Vec3, spacing: Vec3, thickness: number): Uint8Array {
  const steps = Math.round(thickness / Math.min(...spacing));
  let notBone: Uint8Array = new Uint8Array(bone.length);
  for (let v = 0; v < bone.length; v++) notBone[v] = bone[v] ? 0 : 1;
  for (let s = 0; s < steps; s++) notBone = dilate(notBone, dims, FACE_NEIGHBOURS, 'cross');
  for (let v = 0; v < bone.length; v++) notBone[v] = bone[v] && notBone[v] ? 1 : 0;
  return notBone;
}

/**
 * Teeth: pulp where the depth inside the tooth mask is at least `pulpFraction` of the local thickness
 * (the largest depth within THICKNESS_WINDOW_MM) and at least 1.5 voxels, so every pulp voxel's face
 * neighbours are tooth; enamel on crown voxels (farther than `crownClearance` from bone) within
 * `enamelThickness` of the tooth surface; dentine elsewhere. Works on a crop around the teeth.
 */
function paintTeeth(
  mat: Uint8Array,
  teeth: Uint8Array,
  bone: Uint8Array,
  dims: Vec3,
  spacing: Vec3,
  o: MaterialOptions,
): void {
  const found = boundingBox(teeth, dims);
  if (!found) return;
  const margin = spacing.map((s) => Math.ceil(o.crownClearance / s) + 2) as Vec3;
  const box = growBox(found, margin);
  const cdims = boxDims(box);
  const toothCrop = cropBox(teeth, dims, box);
  const boneCrop = cropBox(bone, dims, box);
  const depth = depthInside(toothCrop, cdims, spacing);
  const window = radiusVoxels(THICKNESS_WINDOW_MM, spacing, 1);
  const thickness = maxFilter(depth, cdims, window);
  const boneDist2 = squaredDistanceTransform(boneCrop, cdims, spacing);
  const minDepth = 1.5 * Math.max(...spacing);
  const clearance2 = o.crownClearance * o.crownClearance;
  forEachInBox(box, dims, (v, c) => {
    if (!toothCrop[c]) return;
    const d = depth[c] as number;
    if (d >= minDepth && d >= o.pulpFraction * (thickness[c] as number)) mat[v] = PULP;
    else if ((boneDist2[c] as number) > clearance2 && d <= o.enamelThickness) mat[v] = ENAMEL;
    else mat[v] = DENTINE;
  });
}
