// Patient-orientation letters for a view, from its camera in the LPS frame (x → Left, y → Posterior,
// z → Superior). Screen right is viewUp × viewPlaneNormal for Cornerstone3D cameras.
export type Vec3 = readonly [number, number, number];

export interface OrientationMarkers {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

export function cross(a: Vec3, b: Vec3): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

const POSITIVE = ['L', 'P', 'S'];
const NEGATIVE = ['R', 'A', 'I'];

/** The patient direction a vector points to, strongest component first (e.g. "A", "LS" for oblique). */
export function directionLetters(v: Vec3, obliqueThreshold = 0.35): string {
  const order = [0, 1, 2].sort((x, y) => Math.abs(v[y]!) - Math.abs(v[x]!));
  let out = '';
  for (const axis of order) {
    const c = v[axis]!;
    if (out.length > 0 && Math.abs(c) < obliqueThreshold) break;
    out += c >= 0 ? POSITIVE[axis] : NEGATIVE[axis];
  }
  return out;
}

function neg(v: Vec3): Vec3 {
  return [-v[0], -v[1], -v[2]];
}

export function markersForCamera(viewUp: Vec3, viewPlaneNormal: Vec3): OrientationMarkers {
  const right = cross(viewUp, viewPlaneNormal);
  return {
    top: directionLetters(viewUp),
    bottom: directionLetters(neg(viewUp)),
    right: directionLetters(right),
    left: directionLetters(neg(right)),
  };
}

/** The voxel axis (0 i, 1 j, 2 k) most parallel to a direction, given the volume's direction vectors. */
export function voxelAxisAlong(direction: readonly number[], normal: Vec3): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  let bestDot = -1;
  for (const axis of [0, 1, 2] as const) {
    const d = Math.abs(
      direction[axis * 3]! * normal[0] +
        direction[axis * 3 + 1]! * normal[1] +
        direction[axis * 3 + 2]! * normal[2],
    );
    if (d > bestDot) {
      bestDot = d;
      best = axis;
    }
  }
  return best;
}
