// UMambaBot2 (umamba2-spec.md §1): residual encoder → one Mamba2 layer on the flattened bottleneck
// (its output replaces the bottleneck, no residual) → decoder with transposed convs, [up, skip]
// concatenation and a segmentation head per stage. Channels-last: input x [B, D, H, W, inChannels],
// logits [B, D, H, W, numClasses] (no softmax). Seams for training stages: encode, bottleneck, decode.
import * as tf from '@tensorflow/tfjs';
import { validateArchitecture, patchProblems, type ArchitectureConfig } from '../config/architectures.js';
import type { Ops } from '../runtime/ops/types.js';
import {
  basicBlock,
  basicBlockSpecs,
  convNorm,
  convNormSpecs,
  decoderStage,
  decoderStageSpecs,
  segHead,
} from './blocks.js';
import { networkLayout, type NetworkLayout } from './layout.js';
import { mamba2ParamSpecs, mambaLayer, type Mamba2Config } from './mamba2.js';
import { initParams, type ParamSpec, type Params } from './params.js';

type T5 = tf.Tensor5D;

export interface UMamba2 {
  readonly config: ArchitectureConfig;
  readonly layout: NetworkLayout;
  readonly specs: readonly ParamSpec[];
  /** Trainable variables by stable name (PyTorch state_dict style, spec §1.8). */
  readonly params: Params;
  /** [name, variable] pairs in spec order (stable across runs and configurations of the same shape). */
  parameters(): [string, tf.Variable][];
  /** Outputs of every encoder stage (skips); the last is the bottleneck. Caller owns the tensors. */
  encode(x: T5): T5[];
  /** Mamba2 over the flattened bottleneck (row-major D, H, W tokens); same shape out. */
  bottleneck(z: T5): T5;
  /** Decoder over skips (last = processed bottleneck). Logits, highest resolution first when deep supervision. */
  decode(skips: T5[], opts?: { deepSupervision?: boolean }): T5[];
  /** encode → bottleneck → decode. */
  forward(x: T5, opts?: { deepSupervision?: boolean }): T5[];
  dispose(): void;
}

export function mambaConfigOf(c: ArchitectureConfig): Mamba2Config {
  return { dModel: c.featuresPerStage[c.featuresPerStage.length - 1]!, ...c.mamba };
}

/** All parameter specs of the network, in a stable order (stem, encoder, Mamba, decoder). */
export function umamba2ParamSpecs(c: ArchitectureConfig): ParamSpec[] {
  const layout = networkLayout(c);
  return [
    ...convNormSpecs('encoder.stem.convs.0', c.inChannels, layout.stemChannels, 3, true),
    ...layout.encoder.flatMap(basicBlockSpecs),
    ...mamba2ParamSpecs('mamba_layer', mambaConfigOf(c)),
    ...layout.decoder.flatMap((d) => decoderStageSpecs(d, c.numClasses)),
  ];
}

/** Builds the network with freshly initialised parameters (seeded), or with given ones. */
export function buildUMamba2(
  config: ArchitectureConfig,
  ops: Ops,
  init: { seed: number } | { params: Params },
): UMamba2 {
  validateArchitecture(config);
  const layout = networkLayout(config);
  const specs = umamba2ParamSpecs(config);
  const params = 'params' in init ? init.params : initParams(specs, init.seed);
  for (const s of specs) {
    const v = params.get(s.name);
    if (!v) throw new Error(`parameter ${s.name} is missing`);
    if (v.shape.join() !== s.shape.join())
      throw new Error(`parameter ${s.name} has shape [${v.shape}], expected [${s.shape}]`);
  }
  const mcfg = mambaConfigOf(config);

  // Each block runs in its own tidy; a block's output is freed once the next block has consumed it,
  // unless it is a skip. (Gradients stay correct: the tape keeps its own clones of saved tensors.)
  const encode = (x: T5): T5[] => {
    if (x.shape[4] !== config.inChannels)
      throw new Error(`input has ${x.shape[4]} channels, expected ${config.inChannels}`);
    const probs = patchProblems(config, x.shape.slice(1, 4));
    if (probs.length > 0) throw new Error(probs.join('; '));
    const skips: T5[] = [];
    let h = tf.tidy(() => convNorm(params, 'encoder.stem.convs.0', x, [1, 1, 1], ops, true));
    layout.encoder.forEach((b, i) => {
      const next = tf.tidy(() => basicBlock(params, b, h, ops));
      if (!skips.includes(h)) h.dispose();
      h = next;
      if (layout.encoder[i + 1]?.stage !== b.stage) skips.push(h);
    });
    return skips;
  };

  const bottleneck = (z: T5): T5 =>
    tf.tidy(() => {
      const [B, D, H, W, C] = z.shape;
      const tokens = tf.reshape(z, [B, D * H * W, C]) as tf.Tensor3D;
      return tf.reshape(mambaLayer(params, 'mamba_layer', tokens, mcfg, ops), [B, D, H, W, C]) as T5;
    });

  const decode = (skips: T5[], opts: { deepSupervision?: boolean } = {}): T5[] => {
    const ds = opts.deepSupervision ?? config.deepSupervision;
    if (skips.length !== layout.decoder.length + 1)
      throw new Error(`decode needs ${layout.decoder.length + 1} skips`);
    let below = skips[skips.length - 1]!;
    const outs: T5[] = [];
    for (const d of layout.decoder) {
      const next = tf.tidy(() => decoderStage(params, d, below, skips[d.skipStage]!, ops));
      if (!skips.includes(below)) below.dispose();
      below = next;
      if (ds || d.j === layout.decoder.length - 1) outs.push(tf.tidy(() => segHead(params, d.j, below, ops)));
    }
    below.dispose();
    return outs.reverse();
  };

  const forward = (x: T5, opts: { deepSupervision?: boolean } = {}): T5[] =>
    tf.tidy(() => {
      const skips = encode(x);
      const last = skips.pop()!;
      skips.push(bottleneck(last));
      return decode(skips, opts);
    });

  return {
    config,
    layout,
    specs,
    params,
    parameters: () => specs.map((s) => [s.name, params.get(s.name)!] as [string, tf.Variable]),
    encode,
    bottleneck,
    decode,
    forward,
    dispose: () => params.forEach((v) => v.dispose()),
  };
}
