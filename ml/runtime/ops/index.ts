// The op layer: one `Ops` object per backend, chosen by createOps (see ./types.ts for layouts).
//   tensorflow → native kernels; cpu → native kernels + registered conv3dTranspose gradient;
//   wasm → matMul-based convolutions with custom gradients (its Conv3D backprop and conv3dTranspose
//   are wrong, architecture.md §4), with the Slice kernel fix of ../wasm-kernels.ts.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../backend.js';
import { installWasmKernelFixes } from '../wasm-kernels.js';
import { conv3x3MatMul } from './conv3d-matmul.js';
import { convTransposeMatMul, convTransposeNative } from './conv-transpose.js';
import { matMulT } from './matmul.js';
import { conv1x1, conv3x3Native } from './native.js';
import { avgPool, instanceNorm, leakyRelu } from './norm.js';
import type { ConvImpl, Ops } from './types.js';

export type { ConvImpl, Ops, Stride3 } from './types.js';

export function defaultImpl(backend: BackendName): ConvImpl {
  return backend === 'wasm' ? 'matmul' : 'native';
}

/** Ops for `backend` (default: the active tf backend). `impl` overrides the convolution forms (tests). */
export function createOps(backend: BackendName = tf.getBackend() as BackendName, impl?: ConvImpl): Ops {
  const chosen = impl ?? defaultImpl(backend);
  if (backend === 'wasm' && chosen === 'native') {
    throw new Error("wasm's own Conv3D gradients and conv3dTranspose are wrong: use impl 'matmul' on wasm");
  }
  if (backend === 'wasm') installWasmKernelFixes();
  const explicitT = backend === 'wasm';
  const common = {
    impl: chosen,
    conv1x1: (x: tf.Tensor5D, w: tf.Tensor5D, b: tf.Tensor1D | null) => conv1x1(x, w, b, explicitT),
    avgPool,
    instanceNorm,
    leakyRelu,
    matMul: <T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T =>
      explicitT ? matMulT(a, b) : (tf.matMul(a, b) as T),
  };
  return chosen === 'matmul'
    ? { ...common, conv3x3: conv3x3MatMul, convTranspose: convTransposeMatMul }
    : { ...common, conv3x3: conv3x3Native, convTranspose: convTransposeNative };
}
