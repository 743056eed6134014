// Binary morphology of the bootstrap proposal: the shared cuboid-element dilation, erosion and closing
// (../../data/volume-ops/morphology.ts; half-widths in voxels, derived from mm by the caller).
export { close, dilate, erode } from '../../data/volume-ops/morphology.js';
