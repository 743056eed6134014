// The seeded geometry of a procedural phantom: a head outline, one or two dental arches with alveolar
// bone, and the teeth along them. Everything is in millimetres from the centre of the volume (LPS axes)
// and scaled to the field of view, so any size/spacing gives a complete jaw.

import type { Vec3 } from '../io/volume.js';
import type { Rng } from '../../util/rng.js';
import type { ResolvedPhantomParams } from './params.js';
import { archPoint, distanceToArch, parabolaArch, type Arch } from './arch.js';

export interface RootSpec {
  /** Apex position in tooth coordinates (mm); the root axis starts at (0, 0, 0.3·crownHeight). */
  apex: Vec3;
  /** Root radius at its top (mm); it tapers linearly to 35 % at the apex (ROOT_TAPER). */
  radius: number;
}

export interface ToothSpec {
  /** Centre of the cemento-enamel junction (mm). */
  cej: Vec3;
  /** Unit vectors of the tooth frame: u mesio-distal, v bucco-lingual, w towards the occlusal surface. */
  frame: [Vec3, Vec3, Vec3];
  /** Crown semi-axes along u and v, and crown height along w (mm). */
  au: number;
  av: number;
  crownHeight: number;
  enamel: number;
  roots: RootSpec[];
  kind: 'incisor' | 'premolar' | 'molar';
}

export interface ArchSpec {
  arch: Arch;
  /** +1: lower jaw (bone below the crest, crowns up); −1: upper jaw. */
  sign: 1 | -1;
  /** z of the alveolar crest (mm). */
  crest: number;
  /** Half-width of the alveolar bone across the arch, radius of its rounded crest, cortical thickness (mm). */
  halfWidth: number;
  cornerRadius: number;
  cortex: number;
}

export interface PhantomLayout {
  /** Head: the superellipse |x/ax|^p + |y/ay|^p ≤ 1 (the same in every slice). */
  head: { ax: number; ay: number; power: number };
  arches: ArchSpec[];
  teeth: ToothSpec[];
}

const DEG = Math.PI / 180;

/** A root's radius falls linearly from `radius` at its top to (1 − ROOT_TAPER)·radius at the apex. */
export const ROOT_TAPER = 0.65;

export function planLayout(p: ResolvedPhantomParams, rng: Rng): PhantomLayout {
  const X = p.size[0] * p.spacing[0];
  const Y = p.size[1] * p.spacing[1];
  const Z = p.size[2] * p.spacing[2];
  const minVoxel = Math.min(...p.spacing);
  const maxVoxel = Math.max(...p.spacing);
  const head = { ax: 0.47 * X * rng.uniform(0.97, 1), ay: 0.47 * Y * rng.uniform(0.97, 1), power: 2.5 };
  const jaws: (1 | -1)[] = p.jaw === 'both' ? [1, -1] : [p.jaw === 'lower' ? 1 : -1];
  const gap = p.jaw === 'both' ? Math.max(1.2, 3 * p.spacing[2]) : 0;
  const halfWidth = 0.35 * X * rng.uniform(0.95, 1.05);
  const depth = 0.36 * Y * rng.uniform(0.92, 1.08);
  const arches: ArchSpec[] = [];
  const teeth: ToothSpec[] = [];
  for (const sign of jaws) {
    const upper = sign === -1;
    const arch = parabolaArch(halfWidth * (upper ? 1.05 : 1), -0.28 * Y - (upper ? 0.015 * Y : 0), depth);
    // Occlusal plane and tooth height: one jaw leaves soft tissue on the crown side; two jaws meet with a gap.
    const zOcc = jaws.length === 2 ? (-sign * gap) / 2 : sign * 0.32 * Z;
    const bottom = sign * (-Z / 2 + 0.08 * Z);
    const widths = toothWidths(arch.length, p.teeth, rng);
    const minPitch = Math.min(...widths.map((w) => w.pitch));
    if (0.4 * minPitch < 1.2 * Math.max(p.spacing[0], p.spacing[1])) {
      throw new RangeError(
        `phantom teeth: ${p.teeth} teeth per jaw do not fit a ${X.toFixed(1)} mm × ${Y.toFixed(1)} mm field of view ` +
          `at ${p.spacing[0]} × ${p.spacing[1]} mm voxels (crowns would be under 2.4 voxels wide); use fewer teeth or more voxels`,
      );
    }
    const height = Math.min(sign * (zOcc - bottom), 3.2 * (arch.length / p.teeth));
    if (height < 8 * p.spacing[2]) {
      throw new RangeError(
        `phantom size: ${p.size[2]} slices of ${p.spacing[2]} mm are too few for teeth; use more`,
      );
    }
    const jawTeeth = widths.map((w) => planTooth(arch, w, sign, zOcc, height, minVoxel, rng));
    const bone = rootReach(arch, jawTeeth) + Math.max(0.7, 1.5 * maxVoxel);
    arches.push({
      arch,
      sign,
      crest: zOcc - sign * (0.27 * height + 0.8),
      halfWidth: bone,
      cornerRadius: 0.35 * bone,
      cortex: Math.max(0.8 * rng.uniform(0.85, 1.2), 1.5 * maxVoxel),
    });
    teeth.push(...jawTeeth);
  }
  return { head, arches, teeth };
}

interface ToothSlot {
  centre: number;
  pitch: number;
  kind: ToothSpec['kind'];
}

/** Arc-length slots: narrow incisors at the front, wide molars at the ends, 5 % free at each end. */
function toothWidths(length: number, n: number, rng: Rng): ToothSlot[] {
  const kinds = Array.from({ length: n }, (_, t) => {
    const q = n === 1 ? 0 : Math.abs(t - (n - 1) / 2) / ((n - 1) / 2);
    return q < 0.3 ? 'incisor' : q < 0.7 ? 'premolar' : 'molar';
  }) as ToothSpec['kind'][];
  const factor = { incisor: 0.8, premolar: 0.95, molar: 1.2 };
  const w = kinds.map((k) => factor[k] * rng.uniform(0.93, 1.07));
  const total = w.reduce((a, b) => a + b, 0);
  const usable = 0.9 * length;
  let s = 0.05 * length;
  return kinds.map((kind, t) => {
    const pitch = (usable * (w[t] as number)) / total;
    const slot = { centre: s + pitch / 2, pitch, kind };
    s += pitch;
    return slot;
  });
}

function planTooth(
  arch: Arch,
  slot: ToothSlot,
  sign: 1 | -1,
  zOcc: number,
  height: number,
  minVoxel: number,
  rng: Rng,
): ToothSpec {
  const at = archPoint(arch, slot.centre + rng.uniform(-0.03, 0.03) * slot.pitch);
  const au = 0.43 * slot.pitch * rng.uniform(0.93, 1);
  const av = au * (slot.kind === 'incisor' ? rng.uniform(0.85, 1.0) : rng.uniform(0.95, 1.15));
  const crownHeight = 0.27 * height * rng.uniform(0.92, 1.08);
  const top = zOcc + rng.uniform(-0.3, 0.3);
  let u: Vec3 = [at.tx, at.ty, 0];
  let v: Vec3 = [-at.ty, at.tx, 0]; // towards the inside of the arch (lingual / palatal)
  let w: Vec3 = [0, 0, sign];
  // Tilts: bucco-lingual (incisors proclined), mesio-distal, and a rotation about the long axis.
  const procline = slot.kind === 'incisor' ? 8 : 0;
  const tilts: [Vec3, number][] = [
    [u, sign * (procline + rng.uniform(-6, 6)) * DEG],
    [v, rng.uniform(-4, 4) * DEG],
    [w, rng.uniform(-10, 10) * DEG],
  ];
  for (const [axis, angle] of tilts) {
    const a: Vec3 = [...axis];
    u = rotate(u, a, angle);
    v = rotate(v, a, angle);
    w = rotate(w, a, angle);
  }
  // The tip of the crown sits on the arch at the occlusal level; the tooth hangs from it along −w.
  const cej: Vec3 = [at.x - crownHeight * w[0], at.y - crownHeight * w[1], top - crownHeight * w[2]];
  const rootLength = 0.73 * height * (slot.kind === 'molar' ? 0.85 : 1);
  return {
    cej,
    frame: [u, v, w],
    au,
    av,
    crownHeight,
    enamel: Math.max(0.28 * Math.min(au, av), minVoxel),
    roots: planRoots(slot.kind, sign, au, av, rootLength, rng),
    kind: slot.kind,
  };
}

function planRoots(
  kind: ToothSpec['kind'],
  sign: 1 | -1,
  au: number,
  av: number,
  length: number,
  rng: Rng,
): RootSpec[] {
  const a = Math.min(au, av);
  const len = (): number => -length * rng.uniform(0.85, 1);
  const jitter = (s: number): number => rng.uniform(-0.1, 0.1) * s;
  const count =
    kind === 'incisor'
      ? 1
      : kind === 'premolar'
        ? rng.chance(0.3)
          ? 2
          : 1
        : sign === -1 && rng.chance(0.8)
          ? 3
          : 2;
  if (count === 1) return [{ apex: [jitter(au), jitter(av), len()], radius: 0.68 * a }];
  if (count === 2) {
    return [-1, 1].map((side) => ({
      apex: [side * 0.45 * au * rng.uniform(0.8, 1.1), jitter(av), len()] as Vec3,
      radius: 0.52 * a,
    }));
  }
  return [
    { apex: [-0.42 * au, -0.35 * av, len()], radius: 0.46 * a },
    { apex: [0.42 * au, -0.35 * av, len()], radius: 0.46 * a },
    { apex: [jitter(au), 0.5 * av, len()], radius: 0.46 * a },
  ];
}

/** How far (mm) from the arch curve any root reaches, across the arch; the bone must cover that. */
function rootReach(arch: Arch, teeth: readonly ToothSpec[]): number {
  let reach = 0;
  for (const t of teeth) {
    const [u, v, w] = t.frame;
    reach = Math.max(reach, 0.9 * t.av);
    for (const r of t.roots) {
      for (let step = 0; step <= 4; step++) {
        const f = step / 4;
        const local: Vec3 = [f * r.apex[0], f * r.apex[1], (1 - f) * 0.3 * t.crownHeight + f * r.apex[2]];
        const x = t.cej[0] + local[0] * u[0] + local[1] * v[0] + local[2] * w[0];
        const y = t.cej[1] + local[0] * u[1] + local[1] * v[1] + local[2] * w[1];
        reach = Math.max(reach, distanceToArch(arch, x, y) + r.radius * (1 - ROOT_TAPER * f));
      }
    }
  }
  return reach;
}

/** Rodrigues rotation of `p` about the unit vector `k` by `angle` radians. */
function rotate(p: Vec3, k: Vec3, angle: number): Vec3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const dot = p[0] * k[0] + p[1] * k[1] + p[2] * k[2];
  const cross: Vec3 = [k[1] * p[2] - k[2] * p[1], k[2] * p[0] - k[0] * p[2], k[0] * p[1] - k[1] * p[0]];
  return [
    p[0] * c + cross[0] * s + k[0] * dot * (1 - c),
    p[1] * c + cross[1] * s + k[1] * dot * (1 - c),
    p[2] * c + cross[2] * s + k[2] * dot * (1 - c),
  ];
}
