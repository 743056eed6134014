// Measures the network's speed on this machine, the input of the 'workstation' preset (./presets.ts).
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../config/architectures.js';
import { buildUMamba2 } from '../model/umamba2.js';
import type { Ops } from '../runtime/ops/types.js';
import type { MeasuredSpeed } from './presets.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median seconds of one forward+backward (deep supervision on, a mean over every output) and of one forward
 * without gradient, for one sample at the architecture's patch, after one warm-up run of each.
 */
export function measureSpeed(
  architecture: ArchitectureConfig,
  ops: Ops,
  repeats = 3,
  source = '',
): MeasuredSpeed {
  const model = buildUMamba2(architecture, ops, { seed: 1 });
  const x = tf.randomNormal([1, ...architecture.patchSize, 1], 0, 1, 'float32', 1) as tf.Tensor5D;
  const vars = model.parameters().map(([, v]) => v);
  const fb: number[] = [];
  const f: number[] = [];
  try {
    for (let i = 0; i <= repeats; i++) {
      let t0 = performance.now();
      const { value, grads } = tf.variableGrads(
        () => tf.addN(model.forward(x).map((o) => tf.mean(o))) as tf.Scalar,
        vars,
      );
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
      if (i > 0) fb.push((performance.now() - t0) / 1000);
      t0 = performance.now();
      const y = tf.tidy(() => model.forward(x));
      y.forEach((t) => t.dataSync());
      tf.dispose(y);
      if (i > 0) f.push((performance.now() - t0) / 1000);
    }
  } finally {
    x.dispose();
    model.dispose();
  }
  return {
    forwardBackward: median(fb),
    forward: median(f),
    source: source || `${tf.getBackend()}, ${architecture.name} ${architecture.patchSize.join('×')}`,
  };
}
