// Building blocks of the residual encoder and the decoder (umamba2-spec.md §1.2, §1.4): parameter
// specs (PyTorch state_dict names, §1.8) and forward passes on an Ops object. Activations [B,D,H,W,C].
import * as tf from '@tensorflow/tfjs';
import type { Ops, Stride3 } from '../runtime/ops/types.js';
import type { DecoderStage, EncoderBlock } from './layout.js';
import { param, type ParamSpec, type Params } from './params.js';

/** Reference: nnU-Net InitWeights_He(neg_slope = 1e-2) — Kaiming normal, a = 0.01, biases 0. */
const HE_A = 0.01;

/** Conv (3×3×3, or 1×1×1 when k = 1) + InstanceNorm specs under `prefix` ("….conv.*", "….norm.*"). */
export function convNormSpecs(
  prefix: string,
  cin: number,
  cout: number,
  k: 1 | 3,
  bias: boolean,
  normZero = false,
): ParamSpec[] {
  const specs: ParamSpec[] = [
    {
      name: `${prefix}.conv.weight`,
      shape: [k, k, k, cin, cout],
      init: { kind: 'kaimingNormal', fanIn: cin * k ** 3, a: HE_A },
    },
  ];
  if (bias) specs.push({ name: `${prefix}.conv.bias`, shape: [cout], init: { kind: 'const', value: 0 } });
  specs.push(
    { name: `${prefix}.norm.weight`, shape: [cout], init: { kind: 'const', value: normZero ? 0 : 1 } },
    { name: `${prefix}.norm.bias`, shape: [cout], init: { kind: 'const', value: 0 } },
  );
  return specs;
}

/** BasicBlockD specs; the second norm starts at γ = β = 0 (spec §1.5: the block starts as its shortcut). */
export function basicBlockSpecs(b: EncoderBlock): ParamSpec[] {
  const specs = [
    ...convNormSpecs(`${b.prefix}.conv1`, b.cin, b.cout, 3, true),
    ...convNormSpecs(`${b.prefix}.conv2`, b.cout, b.cout, 3, true, true),
  ];
  // The 1×1 conv is skip.1 when pooling precedes it, else skip.0 (spec §1.8).
  if (b.projection)
    specs.push(...convNormSpecs(`${b.prefix}.skip.${b.pool ? 1 : 0}`, b.cin, b.cout, 1, false));
  return specs;
}

export function decoderStageSpecs(d: DecoderStage, numClasses: number): ParamSpec[] {
  const [sd, sh, sw] = d.stride;
  // Reference [K]: PyTorch's fan-in of a ConvTranspose3d weight [in, out, k…] is out·k³ (dimension 1).
  const specs: ParamSpec[] = [
    {
      name: `decoder.transpconvs.${d.j}.weight`,
      shape: [sd, sh, sw, d.cout, d.cin],
      init: { kind: 'kaimingNormal', fanIn: d.cout * sd * sh * sw, a: HE_A },
    },
    { name: `decoder.transpconvs.${d.j}.bias`, shape: [d.cout], init: { kind: 'const', value: 0 } },
  ];
  for (let c = 0; c < d.convs; c++) {
    specs.push(
      ...convNormSpecs(`decoder.stages.${d.j}.convs.${c}`, c === 0 ? 2 * d.cout : d.cout, d.cout, 3, true),
    );
  }
  specs.push(
    {
      name: `decoder.seg_layers.${d.j}.weight`,
      shape: [1, 1, 1, d.cout, numClasses],
      init: { kind: 'kaimingNormal', fanIn: d.cout, a: HE_A },
    },
    { name: `decoder.seg_layers.${d.j}.bias`, shape: [numClasses], init: { kind: 'const', value: 0 } },
  );
  return specs;
}

type T5 = tf.Tensor5D;

/** conv → IN (→ LeakyReLU when `act`). */
export function convNorm(
  params: Params,
  prefix: string,
  x: T5,
  stride: Stride3,
  ops: Ops,
  act: boolean,
  k: 1 | 3 = 3,
): T5 {
  const w = param<T5>(params, `${prefix}.conv.weight`);
  const y =
    k === 3
      ? ops.conv3x3(x, w, param<tf.Tensor1D>(params, `${prefix}.conv.bias`), stride)
      : ops.conv1x1(
          x,
          w,
          params.has(`${prefix}.conv.bias`) ? param<tf.Tensor1D>(params, `${prefix}.conv.bias`) : null,
        );
  const n = ops.instanceNorm(y, param(params, `${prefix}.norm.weight`), param(params, `${prefix}.norm.bias`));
  return act ? ops.leakyRelu(n) : n;
}

/** BasicBlockD: LeakyReLU(IN(conv(LeakyReLU(IN(conv(x))))) + shortcut(x)). */
export function basicBlock(params: Params, b: EncoderBlock, x: T5, ops: Ops): T5 {
  const main = convNorm(
    params,
    `${b.prefix}.conv2`,
    convNorm(params, `${b.prefix}.conv1`, x, b.stride, ops, true),
    [1, 1, 1],
    ops,
    false,
  );
  let sc = b.pool ? ops.avgPool(x, b.stride) : x;
  if (b.projection) sc = convNorm(params, `${b.prefix}.skip.${b.pool ? 1 : 0}`, sc, [1, 1, 1], ops, false, 1);
  return ops.leakyRelu(tf.add(main, sc));
}

/** Decoder stage j: transposed conv, concat [up, skip], conv blocks. Returns the stage's features. */
export function decoderStage(params: Params, d: DecoderStage, below: T5, skip: T5, ops: Ops): T5 {
  const up = ops.convTranspose(
    below,
    param(params, `decoder.transpconvs.${d.j}.weight`),
    param<tf.Tensor1D>(params, `decoder.transpconvs.${d.j}.bias`),
    d.stride,
  );
  let h = tf.concat([up, skip], 4) as T5;
  for (let c = 0; c < d.convs; c++)
    h = convNorm(params, `decoder.stages.${d.j}.convs.${c}`, h, [1, 1, 1], ops, true);
  return h;
}

/** Segmentation head j: 1×1×1 conv with bias → logits [B, D, H, W, numClasses]. */
export function segHead(params: Params, j: number, h: T5, ops: Ops): T5 {
  return ops.conv1x1(
    h,
    param(params, `decoder.seg_layers.${j}.weight`),
    param<tf.Tensor1D>(params, `decoder.seg_layers.${j}.bias`),
  );
}
