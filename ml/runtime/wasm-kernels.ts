// Kernel fixes for the wasm backend, installed when wasm is selected.
//
// Deviation: tfjs-backend-wasm 4.22's Slice kernel first copies the WHOLE input out of the wasm heap
// (`readSync` → `HEAPU8.slice`) and then copies the window, so slicing a small window of a large
// tensor costs a full copy of the tensor — and rank ≥ 5 slices go element by element. SplitV and
// Unpack call that same slice once per output (a channel split of a [1,32,64,64,16] map took 1.4 s).
// The matMul-based convolutions, the gradient of every channel concat and the SSD slice large tensors
// many times, so we replace the three kernels with ones that read the input through a view of the
// heap and copy maximal contiguous blocks. Same semantics; wasm-kernels.test.ts compares them with the
// cpu backend.
import * as tf from '@tensorflow/tfjs';

interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

let installed = false;

/** Copies the window [begin, begin + size) of x (row-major) block by block. */
export function copyWindow(
  src: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> },
  dst: { set(a: ArrayLike<number>, offset: number): void },
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): void {
  const rank = shape.length;
  if (rank === 0) {
    dst.set(src.subarray(0, 1), 0);
    return;
  }
  // Innermost axis k whose trailing axes are taken whole: each block is one contiguous copy.
  let k = rank - 1;
  let block = size[k]!;
  while (k > 0 && begin[k] === 0 && size[k] === shape[k]) {
    k--;
    block *= size[k]!;
  }
  const strides: number[] = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1]! * shape[a + 1]!;
  const counter: number[] = new Array<number>(k).fill(0);
  const total = size.reduce((u, v) => u * v, 1);
  for (let outOff = 0; outOff < total; outOff += block) {
    let inOff = begin[k]! * strides[k]!;
    for (let a = 0; a < k; a++) inOff += (begin[a]! + counter[a]!) * strides[a]!;
    dst.set(src.subarray(inOff, inOff + block), outOff);
    for (let a = k - 1; a >= 0; a--) {
      if (++counter[a]! < size[a]!) break;
      counter[a] = 0;
    }
  }
}

/** Allocates an output and copies the window of x into it (allocation first: growing the heap detaches views). */
function sliceOut(
  backend: HeapBackend,
  x: tf.TensorInfo,
  begin: number[],
  size: number[],
  outShape: number[] = size,
): tf.TensorInfo {
  const out = backend.makeOutput(outShape, x.dtype);
  if (size.some((s) => s === 0)) return out;
  copyWindow(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), x.shape, begin, size);
  return out;
}

function replace(
  kernelName: string,
  kernelFunc: (args: Parameters<tf.KernelFunc>[0], original: tf.KernelFunc) => ReturnType<tf.KernelFunc>,
): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (!original) return;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => kernelFunc(args, original.kernelFunc),
  });
}

/** Replaces wasm's Slice, SplitV and Unpack kernels (see the header). Idempotent. */
export function installWasmKernelFixes(): void {
  if (installed) return;
  if (!tf.getKernel(tf.Slice, 'wasm')) return; // wasm backend not registered (yet)
  replace(tf.Slice, (args, original) => {
    const x = args.inputs['x'] as tf.TensorInfo;
    if (x.dtype === 'string') return original(args);
    const attrs = args.attrs as unknown as tf.SliceAttrs;
    const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size) as [number[], number[]];
    return sliceOut(args.backend as unknown as HeapBackend, x, begin, size);
  });
  replace(tf.SplitV, (args, original) => {
    const x = args.inputs['x'] as tf.TensorInfo;
    if (x.dtype === 'string') return original(args);
    const attrs = args.attrs as unknown as tf.SplitVAttrs;
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((n) => {
      const size = x.shape.slice();
      size[axis] = n;
      const out = sliceOut(args.backend as unknown as HeapBackend, x, begin.slice(), size);
      begin[axis]! += n;
      return out;
    });
  });
  replace(tf.Unpack, (args, original) => {
    const x = args.inputs['value'] as tf.TensorInfo;
    if (x.dtype === 'string') return original(args);
    const axis = tf.util.parseAxisParam((args.attrs as unknown as tf.UnpackAttrs).axis, x.shape)[0]!;
    const outShape = x.shape.filter((_, a) => a !== axis);
    return Array.from({ length: x.shape[axis]! }, (_, i) => {
      const begin = x.shape.map((_, a) => (a === axis ? i : 0));
      const size = x.shape.map((n, a) => (a === axis ? 1 : n));
      return sliceOut(args.backend as unknown as HeapBackend, x, begin, size, outShape);
    });
  });
  installed = true;
}
