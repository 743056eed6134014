// Index arithmetic on a voxel grid stored i fastest, then j, then k, and 2-D planes through it.
export type Dims = readonly [number, number, number];
/** A voxel axis: 0 = i (x), 1 = j (y), 2 = k (z). */
export type Axis = 0 | 1 | 2;

export function voxelCount(dims: Dims): number {
  return dims[0] * dims[1] * dims[2];
}

export function voxelIndex(dims: Dims, i: number, j: number, k: number): number {
  return i + dims[0] * (j + dims[1] * k);
}

/** A plane of the grid: the voxels whose coordinate on `axis` equals `index`. */
export interface Plane {
  axis: Axis;
  index: number;
}

/** The two in-plane axes (u fastest) of a plane normal to `axis`. */
export function planeAxes(axis: Axis): [Axis, Axis] {
  return axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
}

export interface PlaneLayout {
  width: number;
  height: number;
  /** Volume index of plane pixel (u, v). */
  toVolume(u: number, v: number): number;
}

export function planeLayout(dims: Dims, plane: Plane): PlaneLayout {
  const [ua, va] = planeAxes(plane.axis);
  const stride = [1, dims[0], dims[0] * dims[1]] as const;
  const base = plane.index * stride[plane.axis];
  const su = stride[ua];
  const sv = stride[va];
  return {
    width: dims[ua],
    height: dims[va],
    toVolume: (u, v) => base + u * su + v * sv,
  };
}

/** Copies a plane out of the volume into a width×height array (u fastest). */
export function readPlane(volume: Uint8Array, dims: Dims, plane: Plane): Uint8Array {
  const l = planeLayout(dims, plane);
  const out = new Uint8Array(l.width * l.height);
  for (let v = 0; v < l.height; v++)
    for (let u = 0; u < l.width; u++) out[u + v * l.width] = volume[l.toVolume(u, v)]!;
  return out;
}

export function isInside(dims: Dims, i: number, j: number, k: number): boolean {
  return i >= 0 && j >= 0 && k >= 0 && i < dims[0] && j < dims[1] && k < dims[2];
}
