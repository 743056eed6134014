// One case through the pre-processing pipeline: crop to non-zero → CTNormalization → resample.
//
// Reference: spec §5.1; nnunetv2/preprocessing/preprocessors/default_preprocessor.py (`run_case_npy`):
// float32 image, transpose (identity here, see layout.ts), crop to the non-zero box, normalise (before
// resampling), resample image trilinearly and labels per label to the target spacing; the properties record
// what is needed to undo it (`restore.ts`).
// Deviation: the label outside the non-zero mask stays 0 instead of −1 (see crop.ts); labels are Uint8Array.
// Deviation: class locations for foreground oversampling are not computed here but by
// ml/data/sample/class-locations.ts from the returned label.
import type { Mat3, Vec3, Volume } from '../io/volume.js';
import { assertValidVolume } from '../io/volume.js';
import type { Shape3 } from './layout.js';
import { assertShape, networkSpacing, shapeFromDims } from './layout.js';
import type { BoundingBox } from './crop.js';
import { boxShape, cropArray, nonzeroBoundingBox } from './crop.js';
import { ctNormalize } from './normalize.js';
import type { PreprocessPlan } from './plan.js';
import { assertPlan } from './plan.js';
import { computeNewShape, resizeLabels, resizeLinear } from './resample.js';

/** Everything needed to map a prediction back onto the source scan (plain JSON). */
export interface CaseProperties {
  /** Source geometry in Volume order (i, j, k). */
  sourceDims: Vec3;
  sourceSpacing: Vec3;
  sourceOrigin: Vec3;
  sourceDirection: Mat3;
  /** The rest is in network order [D0, D1, D2] (layout.ts). Source spacing, mm. */
  spacing: Shape3;
  shapeBeforeCropping: Shape3;
  bbox: BoundingBox;
  shapeAfterCropping: Shape3;
  targetSpacing: Shape3;
  shapeAfterResampling: Shape3;
}

export interface PreprocessedCase {
  /** CT-normalised image, network shape `shape`. */
  data: Float32Array;
  shape: Shape3;
  /** Resampled labels (same shape), when a label map was given. */
  label?: Uint8Array;
  properties: CaseProperties;
}

export interface PreprocessOptions {
  /** Resample to this shape instead of the one implied by the plan's target spacing. */
  targetShape?: Shape3;
}

/** Labels as Uint8Array, checking they are integers in 0..255. */
export function labelsAsUint8(label: Volume): Uint8Array {
  if (label.voxels instanceof Uint8Array) return label.voxels;
  const v = label.voxels;
  const out = new Uint8Array(v.length);
  for (let n = 0; n < v.length; n++) {
    const x = v[n]!;
    if (!Number.isInteger(x) || x < 0 || x > 255)
      throw new RangeError(`label value ${x} is not an integer in 0..255`);
    out[n] = x;
  }
  return out;
}

export function preprocessCase(
  image: Volume,
  label: Volume | null,
  plan: PreprocessPlan,
  options: PreprocessOptions = {},
): PreprocessedCase {
  assertValidVolume(image);
  assertPlan(plan);
  if (label) {
    assertValidVolume(label);
    if (label.dims.some((d, a) => d !== image.dims[a])) {
      throw new RangeError(
        `label dims ${label.dims.join('×')} differ from image dims ${image.dims.join('×')}`,
      );
    }
  }
  const shapeBefore = shapeFromDims(image.dims);
  const spacing = networkSpacing(image.spacing);
  const bbox = nonzeroBoundingBox(image.voxels, shapeBefore);
  const shapeAfterCropping = boxShape(bbox);
  const cropped = cropArray(image.voxels, shapeBefore, bbox);
  const normalised = ctNormalize(cropped, plan.intensity);
  let newShape: Shape3;
  if (options.targetShape) {
    assertShape(options.targetShape, 'targetShape');
    newShape = [...options.targetShape] as Shape3;
  } else {
    newShape = computeNewShape(shapeAfterCropping, spacing, plan.targetSpacing);
  }
  const data = resizeLinear(normalised, shapeAfterCropping, newShape);
  const properties: CaseProperties = {
    sourceDims: [...image.dims] as Vec3,
    sourceSpacing: [...image.spacing] as Vec3,
    sourceOrigin: [...image.origin] as Vec3,
    sourceDirection: [...image.direction] as Mat3,
    spacing,
    shapeBeforeCropping: shapeBefore,
    bbox,
    shapeAfterCropping,
    targetSpacing: [...plan.targetSpacing] as Shape3,
    shapeAfterResampling: newShape,
  };
  const out: PreprocessedCase = { data, shape: newShape, properties };
  if (label) {
    const labCropped = cropArray(labelsAsUint8(label), shapeBefore, bbox);
    out.label = resizeLabels(labCropped, shapeAfterCropping, newShape);
  }
  return out;
}
