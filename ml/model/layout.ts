// The U-Mamba2 network's structure derived from an ArchitectureConfig (umamba2-spec.md §1.2–1.4):
// one list of blocks that the parameter specs, the forward pass, the FLOP count and the memory
// estimate all walk, so they cannot drift apart.
import type { ArchitectureConfig } from '../config/architectures.js';
import type { Stride3 } from '../runtime/ops/types.js';

export interface EncoderBlock {
  /** e.g. `encoder.stages.3.blocks.0` */
  prefix: string;
  stage: number;
  cin: number;
  cout: number;
  stride: Stride3;
  /** Shortcut: AvgPool(kernel = stride) when stride ≠ 1, then 1×1×1 conv (no bias) + IN when cin ≠ cout. */
  pool: boolean;
  projection: boolean;
}

export interface DecoderStage {
  j: number;
  /** Channels arriving from below (bottleneck for j = 0). */
  cin: number;
  /** Channels of the skip and of this stage's output. */
  cout: number;
  /** Stride of the encoder stage being undone (the transposed conv's kernel and stride). */
  stride: Stride3;
  /** Encoder stage whose output is the skip. */
  skipStage: number;
  convs: number;
}

export interface NetworkLayout {
  stemChannels: number;
  encoder: EncoderBlock[];
  decoder: DecoderStage[];
  bottleneckChannels: number;
}

const unit = (s: Stride3) => s[0] === 1 && s[1] === 1 && s[2] === 1;

export function networkLayout(c: ArchitectureConfig): NetworkLayout {
  const n = c.featuresPerStage.length;
  const f = c.featuresPerStage;
  const encoder: EncoderBlock[] = [];
  let cin = f[0]!; // the stem outputs features[0]
  for (let s = 0; s < n; s++) {
    for (let b = 0; b < c.blocksPerStage[s]!; b++) {
      const stride: Stride3 = b === 0 ? c.strides[s]! : [1, 1, 1];
      const cout = f[s]!;
      encoder.push({
        prefix: `encoder.stages.${s}.blocks.${b}`,
        stage: s,
        cin,
        cout,
        stride,
        pool: !unit(stride),
        projection: cin !== cout,
      });
      cin = cout;
    }
  }
  const decoder: DecoderStage[] = [];
  for (let j = 0; j < n - 1; j++) {
    decoder.push({
      j,
      cin: f[n - 1 - j]!,
      cout: f[n - 2 - j]!,
      stride: c.strides[n - 1 - j]!,
      skipStage: n - 2 - j,
      convs: c.convsPerDecoderStage[j]!,
    });
  }
  return { stemChannels: f[0]!, encoder, decoder, bottleneckChannels: f[n - 1]! };
}

/** Spatial size of each encoder stage's output for a patch (D, H, W). */
export function stageSizes(c: ArchitectureConfig, patch: readonly number[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  let cur = [patch[0]!, patch[1]!, patch[2]!] as [number, number, number];
  for (const s of c.strides) {
    cur = [cur[0] / s[0], cur[1] / s[1], cur[2] / s[2]];
    out.push(cur);
  }
  return out;
}
