// Size and cost of an architecture, computed from the configuration alone (no tensors):
// parameters (spec §1.6: 142,134,662 for `stsr`) and multiply-accumulates per patch.
import { mamba2Dims } from '../model/mamba2.js';
import { networkLayout, stageSizes } from '../model/layout.js';
import { countParams } from '../model/params.js';
import { mambaConfigOf, umamba2ParamSpecs } from '../model/umamba2.js';
import type { ArchitectureConfig } from './architectures.js';

export interface ModelInfo {
  name: string;
  parameters: number;
  parametersByPart: { encoder: number; mamba: number; decoder: number };
  patch: [number, number, number];
  bottleneckTokens: number;
  /** Conv + linear multiply-accumulates of one forward pass over one patch (all heads computed). */
  macs: number;
  macsByPart: { encoder: number; mamba: number; decoder: number };
  /** 2 · macs. */
  flops: number;
}

const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);

export function parameterCount(c: ArchitectureConfig): number {
  return countParams(umamba2ParamSpecs(c));
}

/** Conv/linear MACs of one forward pass; the SSD scan itself is counted under `mamba` as well. */
export function macsPerPatch(c: ArchitectureConfig, patch: readonly number[] = c.patchSize) {
  const layout = networkLayout(c);
  const sizes = stageSizes(c, patch).map(prod);
  let encoder = 27 * c.inChannels * layout.stemChannels * prod(patch);
  for (const b of layout.encoder) {
    const n = sizes[b.stage]!;
    encoder += 27 * b.cin * b.cout * n + 27 * b.cout * b.cout * n + (b.projection ? b.cin * b.cout * n : 0);
  }
  let decoder = 0;
  for (const d of layout.decoder) {
    const n = sizes[d.skipStage]!;
    decoder += d.cin * d.cout * n; // transposed conv: one MAC per (input channel, output voxel)
    for (let k = 0; k < d.convs; k++) decoder += 27 * (k === 0 ? 2 * d.cout : d.cout) * d.cout * n;
    decoder += d.cout * c.numClasses * n;
  }
  const m = mambaConfigOf(c);
  const dims = mamba2Dims(m);
  const L = sizes[sizes.length - 1]!;
  const mamba = L * (m.dModel * dims.dInProj + dims.dInner * m.dModel);
  return { encoder, mamba, decoder, total: encoder + mamba + decoder, tokens: L };
}

export function modelInfo(c: ArchitectureConfig, patch: readonly number[] = c.patchSize): ModelInfo {
  const specs = umamba2ParamSpecs(c);
  const part = (p: string) => countParams(specs.filter((s) => s.name.startsWith(p)));
  const macs = macsPerPatch(c, patch);
  return {
    name: c.name,
    parameters: countParams(specs),
    parametersByPart: { encoder: part('encoder.'), mamba: part('mamba_layer.'), decoder: part('decoder.') },
    patch: [patch[0]!, patch[1]!, patch[2]!],
    bottleneckTokens: macs.tokens,
    macs: macs.total,
    macsByPart: { encoder: macs.encoder, mamba: macs.mamba, decoder: macs.decoder },
    flops: 2 * macs.total,
  };
}
