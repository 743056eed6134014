// Parameters as data: every layer declares ParamSpecs (stable name, shape, init rule); counting needs
// no tensors, and initialisation is seeded per parameter name (adding a parameter never shifts the
// values of the others).
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../util/rng.js';

export type Init =
  /** He/Kaiming normal, fan-in mode, leaky-ReLU gain sqrt(2 / (1 + a²)). */
  | { kind: 'kaimingNormal'; fanIn: number; a: number }
  /** U(−bound, bound). */
  | { kind: 'uniform'; bound: number }
  | { kind: 'const'; value: number }
  /** Mamba2 dt_bias: inverse softplus of dt = exp(U(ln dtMin, ln dtMax)) clamped at `floor`. */
  | { kind: 'dtBias'; dtMin: number; dtMax: number; floor: number }
  /** Mamba2 A_log: ln A, A ~ U(lo, hi). */
  | { kind: 'aLog'; lo: number; hi: number };

export interface ParamSpec {
  /** Stable name, PyTorch state_dict style (see umamba2-spec.md §1.8), e.g. `encoder.stem.convs.0.conv.weight`. */
  name: string;
  shape: number[];
  init: Init;
}

export type Params = Map<string, tf.Variable>;

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, v) => a * v, 1);
}

export function countParams(specs: readonly ParamSpec[]): number {
  return specs.reduce((a, s) => a + sizeOf(s.shape), 0);
}

/** 32-bit FNV-1a hash of a name, to derive one RNG stream per parameter. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function sample(init: Init, n: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  switch (init.kind) {
    case 'kaimingNormal': {
      const std = Math.sqrt(2 / (1 + init.a * init.a)) / Math.sqrt(init.fanIn);
      for (let i = 0; i < n; i++) out[i] = rng.normal(0, std);
      break;
    }
    case 'uniform':
      for (let i = 0; i < n; i++) out[i] = rng.uniform(-init.bound, init.bound);
      break;
    case 'const':
      out.fill(init.value);
      break;
    case 'dtBias':
      // Reference: Mamba2Simple dt_bias init (umamba2-spec.md §2.1): store dt + ln(−expm1(−dt)).
      for (let i = 0; i < n; i++) {
        const lo = Math.log(init.dtMin);
        const dt = Math.max(Math.exp(lo + rng.next() * (Math.log(init.dtMax) - lo)), init.floor);
        out[i] = dt + Math.log(-Math.expm1(-dt));
      }
      break;
    case 'aLog':
      for (let i = 0; i < n; i++) out[i] = Math.log(rng.uniform(init.lo, init.hi));
      break;
  }
  return out;
}

/** The initial values of one parameter for a model seed (deterministic per (seed, name)). */
export function initialValues(spec: ParamSpec, seed: number): Float32Array {
  return sample(spec.init, sizeOf(spec.shape), createRng((seed ^ hashName(spec.name)) >>> 0));
}

/** Creates trainable variables for every spec. Names must be unique. */
export function initParams(specs: readonly ParamSpec[], seed: number): Params {
  const params: Params = new Map();
  for (const s of specs) {
    if (params.has(s.name)) throw new Error(`duplicate parameter name ${s.name}`);
    // The initial-value tensor is copied into the variable; dispose it so it does not leak.
    const initial = tf.tensor(initialValues(s, seed), s.shape);
    params.set(s.name, tf.variable(initial, true));
    initial.dispose();
  }
  return params;
}

/** Looks a parameter up, failing with its name when it is missing. */
export function param<T extends tf.Tensor = tf.Tensor>(params: Params, name: string): T {
  const v = params.get(name);
  if (!v) throw new Error(`missing parameter ${name}`);
  return v as unknown as T;
}
